/**
 * An event pattern EventBridge would refuse. `reason` is the rule compiler's own words; the message
 * is what AWS answers with InvalidEventPatternException (without the parser position AWS appends,
 * `\n at [Source: …; line: 1, column: N]`).
 */
export class InvalidEventPattern extends Error {
  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPattern';
  }
}
