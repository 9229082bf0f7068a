import type { FilterableMessage, MessageAttributeValue, Scalar } from './filter-policy.types';
import { parseNumberText } from './numeric-value';

/**
 * The values one message offers for one key path that some stored policy uses. Slots are
 * interned per path, so the automaton refers to them directly instead of looking paths up.
 */
export class FieldSlot {
  /** The first `count` entries are this pass's values; the array is reused across passes. */
  readonly values: Scalar[] = [];
  count = 0;
  /** The matching pass that last filled `values`; older passes mean the key is absent. */
  pass = 0;
  refs = 0;

  constructor(readonly path: string) {}
}

interface PathNode {
  readonly children: Map<string, PathNode>;
  slot?: FieldSlot;
  refs: number;
}

function newNode(): PathNode {
  return { children: new Map(), refs: 0 };
}

/**
 * The key paths used by a set of policies, and the filling of their slots from a message.
 * Body paths live in a tree of segments so that the walk over a JSON body skips every subtree
 * no policy looks at, without building path strings.
 */
export class FieldTable {
  private readonly byPath = new Map<string, FieldSlot>();
  private readonly tree = newNode();
  private pass = 0;
  private slots: FieldSlot[] | undefined;
  /** Slots filled in the current pass. */
  readonly present: FieldSlot[] = [];

  /** The slot for a path, created on first use; each call must be paired with `release`. */
  acquire(path: string): FieldSlot {
    let slot = this.byPath.get(path);
    if (!slot) {
      this.byPath.set(path, (slot = new FieldSlot(path)));
      this.slots = undefined;
    }
    slot.refs++;
    let node = this.tree;
    node.refs++;
    for (const segment of path.split('.')) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = newNode()));
      child.refs++;
      node = child;
    }
    node.slot = slot;
    return slot;
  }

  /** The slot of a path in use, without taking a reference. */
  slotOf(path: string): FieldSlot | undefined {
    return this.byPath.get(path);
  }

  release(slot: FieldSlot): void {
    if (--slot.refs === 0) {
      this.byPath.delete(slot.path);
      this.slots = undefined;
    }
    let node = this.tree;
    node.refs--;
    for (const segment of slot.path.split('.')) {
      const child = node.children.get(segment)!;
      if (--child.refs === 0) {
        node.children.delete(segment);
        return;
      }
      node = child;
    }
    if (slot.refs === 0) node.slot = undefined;
  }

  private slotList(): FieldSlot[] {
    return (this.slots ??= [...this.byPath.values()]);
  }

  /** Starts a pass: every slot reads as absent until filled. */
  begin(): void {
    this.present.length = 0;
    this.pass++;
  }

  /** The current pass: a slot holds values for this message exactly when its pass equals it. */
  get currentPass(): number {
    return this.pass;
  }

  private record(slot: FieldSlot, value: Scalar): void {
    if (slot.pass !== this.pass) {
      slot.pass = this.pass;
      slot.count = 0;
      this.present.push(slot);
    }
    slot.values[slot.count++] = value;
  }

  /** Fills slots from message attributes, converting only the attributes some policy names. */
  fillFromAttributes(attributes: FilterableMessage['attributes']): void {
    if (!attributes) return;
    // Probe whichever side is smaller: the names policies use, or the names the message has.
    if (this.byPath.size <= 8) {
      for (const slot of this.slotList()) {
        // No own-property check: an inherited member has no StringValue and records nothing.
        const attribute = attributes[slot.path];
        if (attribute !== undefined) this.recordAttribute(slot, attribute);
      }
      return;
    }
    for (const name in attributes) {
      const slot = this.byPath.get(name);
      if (slot && Object.hasOwn(attributes, name)) this.recordAttribute(slot, attributes[name]);
    }
  }

  private recordAttribute(slot: FieldSlot, attribute: MessageAttributeValue | undefined): void {
    if (typeof attribute !== 'object' || attribute === null) return;
    const text = attribute.StringValue;
    const dataType = attribute.DataType;
    if (typeof text !== 'string' || typeof dataType !== 'string') return;
    if (dataType === 'String.Array') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        this.record(slot, text);
        return;
      }
      if (Array.isArray(parsed)) this.recordElements(slot, parsed);
      else this.record(slot, text);
      return;
    }
    const dot = dataType.indexOf('.');
    const base = dot === -1 ? dataType : dataType.substring(0, dot);
    if (base === 'String') this.record(slot, text);
    else if (base === 'Number') {
      const value = parseNumberText(text);
      this.record(slot, value === undefined ? text : value);
    }
  }

  // Iterative: a String.Array may nest arrays arbitrarily deep.
  private recordElements(slot: FieldSlot, items: unknown[]): void {
    const stack: unknown[] = [items];
    while (stack.length > 0) {
      const item = stack.pop();
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      } else if (item === null || typeof item !== 'object') {
        this.record(slot, item as Scalar);
      }
    }
  }

  /** Fills slots from a parsed JSON body (an object), visiting only subtrees some policy uses. */
  fillFromBody(body: Record<string, unknown> | undefined): void {
    if (body && this.tree.children.size > 0) this.walkObject(body, this.tree);
  }

  private walkObject(object: Record<string, unknown>, node: PathNode): void {
    for (const key in object) {
      let child = node.children.get(key);
      if (!child && key.includes('.')) child = this.descend(node, key);
      if (child) this.walkValue(object[key], child);
    }
  }

  // A body key containing dots names the same path as the equivalent nesting.
  private descend(node: PathNode, key: string): PathNode | undefined {
    let current: PathNode | undefined = node;
    for (const segment of key.split('.')) {
      current = current.children.get(segment);
      if (!current) return undefined;
    }
    return current;
  }

  // Objects recurse only as deep as some policy path goes; arrays, which may nest without
  // limit, are flattened with an explicit stack.
  private walkValue(value: unknown, node: PathNode): void {
    if (!Array.isArray(value)) {
      this.walkElement(value, node);
      return;
    }
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const item = stack.pop();
      if (Array.isArray(item)) {
        for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      } else {
        this.walkElement(item, node);
      }
    }
  }

  private walkElement(value: unknown, node: PathNode): void {
    if (value !== null && typeof value === 'object') {
      if (node.children.size > 0) this.walkObject(value as Record<string, unknown>, node);
    } else if (node.slot) {
      this.record(node.slot, value as Scalar);
    }
  }
}
