import { ListStateMachinesCommand, StateMachineListItem } from '@aws-sdk/client-sfn';
import { Empty, PageHeader, Section } from '../components/common';
import { formatDate } from '../format';
import { useConsole, usePoll } from '../hooks';
import { links } from '../router';

export function WorkflowsPage() {
  const { clients } = useConsole();
  const machines = usePoll(
    'state-machines',
    async () => {
      const all: StateMachineListItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await clients.sfn.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
        all.push(...(page.stateMachines ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return all;
    },
    5000,
  );
  const list = machines.data ?? [];
  return (
    <>
      <PageHeader title="Workflows" />
      <Section title={`${list.length} state machine${list.length === 1 ? '' : 's'}`}>
        {machines.data && list.length === 0 ? (
          <Empty>No state machines yet. Create one with CreateStateMachine (the AWS CLI or an SDK).</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Created</th>
                <th>ARN</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.stateMachineArn} data-testid="state-machine-row" data-state-machine={m.name}>
                  <td>
                    <a href={links.workflow(m.name!)}>{m.name}</a>
                  </td>
                  <td>{m.type}</td>
                  <td>{formatDate(m.creationDate)}</td>
                  <td className="muted small">{m.stateMachineArn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
