/**
 * A small description of an operation's input and output members, enough for the query/XML
 * protocol to (un)flatten parameters; the JSON protocols need none of it.
 */
export type Shape = ScalarShape | ListShape | MapShape | StructShape;

export type ScalarShape = 'string' | 'integer' | 'long' | 'boolean' | 'blob' | 'timestamp';

export interface ListShape {
  readonly kind: 'list';
  readonly member: Shape;
  /** Element name (`AttributeName`, `member` when not given). */
  readonly memberName?: string;
  /** Flattened lists repeat the member name at the parent level (`AttributeName.1`). */
  readonly flattened?: boolean;
}

export interface MapShape {
  readonly kind: 'map';
  readonly value: Shape;
  readonly keyName?: string;
  readonly valueName?: string;
  readonly flattened?: boolean;
}

export interface StructShape {
  readonly kind: 'struct';
  readonly members: Readonly<Record<string, Member>>;
}

export interface Member {
  readonly shape: Shape;
  /** The wire name in query and XML when it differs from the member name (`Attribute` for `Attributes`). */
  readonly wireName?: string;
}

/** Builders that keep shape tables short and readable. */
export const s = {
  struct(members: Record<string, Shape | Member>): StructShape {
    const out: Record<string, Member> = {};
    for (const [name, m] of Object.entries(members)) {
      out[name] = typeof m === 'object' && 'shape' in m ? m : { shape: m };
    }
    return { kind: 'struct', members: out };
  },
  list(member: Shape, memberName?: string, flattened = true): ListShape {
    return { kind: 'list', member, memberName, flattened };
  },
  map(value: Shape, keyName = 'Name', valueName = 'Value', flattened = true): MapShape {
    return { kind: 'map', value, keyName, valueName, flattened };
  },
  named(shape: Shape, wireName: string): Member {
    return { shape, wireName };
  },
};
