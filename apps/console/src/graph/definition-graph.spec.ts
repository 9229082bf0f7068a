import {
  describeChoiceRule,
  END_ID,
  GraphLayout,
  GraphNode,
  layoutDefinition,
  START_ID,
} from './definition-graph';

const byState = (layout: GraphLayout, name: string) => {
  const node = layout.nodes.find((n) => n.stateName === name);
  if (!node) throw new Error(`no node for ${name}`);
  return node;
};

const inside = (inner: GraphNode, outer: GraphNode) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const overlap = (a: GraphNode, b: GraphNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const edgesBetween = (layout: GraphLayout, source: string, target: string) =>
  layout.edges.filter((e) => e.source === source && e.target === target);

/** The edge's first point lies on the source's border, its last on the target's. */
const touches = (p: { x: number; y: number }, n: GraphNode) =>
  p.x >= n.x - 1 && p.x <= n.x + n.width + 1 && p.y >= n.y - 1 && p.y <= n.y + n.height + 1;

describe('layoutDefinition', () => {
  it('lays out a Parallel inside a Map as nested containers', async () => {
    const layout = await layoutDefinition(
      JSON.stringify({
        StartAt: 'Prepare',
        States: {
          Prepare: { Type: 'Pass', Next: 'Each' },
          Each: {
            Type: 'Map',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Both',
              States: {
                Both: {
                  Type: 'Parallel',
                  Next: 'Collect',
                  Branches: [
                    {
                      StartAt: 'A',
                      States: { A: { Type: 'Pass', Next: 'A2' }, A2: { Type: 'Pass', End: true } },
                    },
                    { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, End: true } } },
                  ],
                },
                Collect: { Type: 'Pass', End: true },
              },
            },
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      }),
    );

    const map = byState(layout, 'Each');
    const parallel = byState(layout, 'Both');
    const branch0 = byState(layout, 'Both#0');
    const branch1 = byState(layout, 'Both#1');
    expect(map.kind).toBe('map');
    expect(parallel.kind).toBe('parallel');
    expect(parallel.parentId).toBe(map.id);
    expect([branch0.kind, branch0.parentId, branch1.parentId]).toEqual(['branch', parallel.id, parallel.id]);
    expect(byState(layout, 'A').parentId).toBe(branch0.id);
    expect(byState(layout, 'A2').parentId).toBe(branch0.id);
    expect(byState(layout, 'B').parentId).toBe(branch1.id);
    expect(byState(layout, 'Collect').parentId).toBe(map.id);

    // Geometrically nested too.
    expect(inside(parallel, map)).toBe(true);
    expect(inside(byState(layout, 'Collect'), map)).toBe(true);
    for (const name of ['A', 'A2']) expect(inside(byState(layout, name), branch0)).toBe(true);
    expect(inside(byState(layout, 'B'), branch1)).toBe(true);
    expect(inside(branch0, parallel) && inside(branch1, parallel)).toBe(true);

    // No two siblings overlap.
    const siblings = new Map<string | undefined, GraphNode[]>();
    for (const node of layout.nodes)
      siblings.set(node.parentId, [...(siblings.get(node.parentId) ?? []), node]);
    for (const group of siblings.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++)
          expect([group[i].id, group[j].id, overlap(group[i], group[j])]).toEqual([
            group[i].id,
            group[j].id,
            false,
          ]);
      }
    }

    // Edges join the right nodes, at their borders.
    const nodeById = new Map(layout.nodes.map((n) => [n.id, n]));
    const expected: [string, string][] = [
      [START_ID, 'Prepare'],
      ['Prepare', 'Each'],
      ['Each', 'Done'],
      ['Done', END_ID],
      ['Each>Both', 'Each>Collect'],
      ['Each>Both#0>A', 'Each>Both#0>A2'],
    ];
    expect(layout.edges.map((e) => [e.source, e.target]).sort()).toEqual([...expected].sort());
    for (const edge of layout.edges) {
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
      expect(touches(edge.points[0], nodeById.get(edge.source)!)).toBe(true);
      expect(touches(edge.points[edge.points.length - 1], nodeById.get(edge.target)!)).toBe(true);
    }
    expect(layout.width).toBeGreaterThanOrEqual(map.x + map.width);
    expect(layout.height).toBeGreaterThanOrEqual(byState(layout, 'Done').y + 40);
  });

  it('draws a Choice with one labelled edge per rule and its Default', async () => {
    const layout = await layoutDefinition({
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.size', NumericGreaterThan: 10, Next: 'Big' },
            {
              And: [
                { Variable: '$.kind', StringEquals: 'x' },
                { Variable: '$.ok', IsPresent: true },
              ],
              Next: 'Small',
            },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Pass', End: true },
        Small: { Type: 'Pass', End: true },
      },
    });
    expect(edgesBetween(layout, 'Route', 'Big').map((e) => [e.kind, e.label])).toEqual([
      ['choice', '$.size > 10'],
    ]);
    expect(edgesBetween(layout, 'Route', 'Small').map((e) => [e.kind, e.label])).toEqual([
      ['choice', '$.kind == "x" && $.ok IsPresent'],
      ['default', 'Default'],
    ]);
    expect(edgesBetween(layout, 'Big', END_ID)).toHaveLength(1);
    expect(edgesBetween(layout, 'Small', END_ID)).toHaveLength(1);
    for (const edge of layout.edges.filter((e) => e.label)) expect(edge.labelPosition).toBeDefined();
  });

  it('marks Catch edges', async () => {
    const layout = await layoutDefinition({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.Timeout', 'Card.Declined'], Next: 'Refund' }],
          Next: 'Ship',
        },
        Ship: { Type: 'Succeed' },
        Refund: { Type: 'Fail', Error: 'Declined' },
      },
    });
    const [catchEdge] = edgesBetween(layout, 'Charge', 'Refund');
    expect(catchEdge).toMatchObject({
      kind: 'catch',
      catch: true,
      label: 'catch States.Timeout, Card.Declined',
    });
    expect(edgesBetween(layout, 'Charge', 'Ship')[0]).toMatchObject({ kind: 'next', catch: false });
    expect(edgesBetween(layout, 'Refund', END_ID)).toHaveLength(1);
  });

  it('summarises JSONata conditions and negations', () => {
    expect(describeChoiceRule({ Condition: '{% $states.input.n > 1 %}', Next: 'X' })).toBe(
      '{% $states.input.n > 1 %}',
    );
    expect(describeChoiceRule({ Not: { Variable: '$.a', BooleanEquals: true } })).toBe('!($.a == true)');
    expect(describeChoiceRule({ Variable: '$.a', StringEqualsPath: '$.b' })).toBe('$.a == $.b');
  });
});
