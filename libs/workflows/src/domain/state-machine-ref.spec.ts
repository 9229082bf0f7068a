import { aliasArn, isValidAliasName, qualifierOf, versionArn } from './state-machine-ref';

describe('state machine version and alias ARNs', () => {
  const machine = { accountId: '000000000000', region: 'us-east-1', name: 'orders' };

  it('reads a qualifier as a version number (from 1, no leading zero) or an alias name', () => {
    expect(qualifierOf('1')).toEqual({ kind: 'version', version: '1' });
    expect(qualifierOf('1000')).toEqual({ kind: 'version', version: '1000' });
    expect(qualifierOf('prod')).toEqual({ kind: 'alias', alias: 'prod' });
    expect(qualifierOf('v1.2_b-3')).toEqual({ kind: 'alias', alias: 'v1.2_b-3' });
    for (const neither of ['0', '01', '', 'a b', 'a@b', 'x'.repeat(81)])
      expect(qualifierOf(neither)).toBeUndefined();
  });

  it('takes alias names of letters, digits, _ - and ., not all digits', () => {
    expect(isValidAliasName('123')).toBe(false);
    expect(isValidAliasName('1.2')).toBe(true);
    expect(isValidAliasName('-')).toBe(true);
    expect(isValidAliasName('a'.repeat(80))).toBe(true);
  });

  it('writes version and alias ARNs after the machine ARN', () => {
    const arn = 'arn:aws:states:us-east-1:000000000000:stateMachine:orders';
    expect(versionArn(machine, 3)).toBe(`${arn}:3`);
    expect(aliasArn(machine, 'prod')).toBe(`${arn}:prod`);
  });
});
