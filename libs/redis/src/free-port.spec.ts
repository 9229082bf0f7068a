import { freePort } from './free-port';

describe('freePort', () => {
  it('never hands out a port twice, though the system offers freed ports again', async () => {
    // 300 draws from the ~28,000 ephemeral ports repeat one more often than not (the birthday bound).
    const ports: number[] = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });
});
