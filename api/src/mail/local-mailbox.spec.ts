import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { LocalMailbox } from './local-mailbox.js';

describe('LocalMailbox on a taken SMTP port', () => {
  let holder: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
  });

  it('refuses to start with EADDRINUSE instead of ending the process, and starts on a free port after', async () => {
    holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const taken = (holder.address() as AddressInfo).port;

    await expect(new LocalMailbox({ smtpPort: taken }).start()).rejects.toMatchObject({ code: 'EADDRINUSE' });

    const mailbox = await new LocalMailbox({ smtpPort: 0 }).start();
    expect(mailbox.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(mailbox.smtpUrl).not.toBe(`smtp://127.0.0.1:${taken}`);
    await mailbox.stop();
  });
});
