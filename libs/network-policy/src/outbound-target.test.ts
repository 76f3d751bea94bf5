import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { MicroSegError } from '@microseg/errors';
import { describe, expect, it } from 'vitest';
import { NO_ALLOWED_NETWORKS, OutboundPolicy, type Resolver, parseAllowedNetworks, pinnedLookup } from './index.ts';

/** Every way of writing an address that is no public host, with the rule that refuses it. */
const REFUSED: readonly (readonly [string, string])[] = [
  ['http://127.0.0.1:5432/', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://2130706433/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://127.255.255.254:4222/', 'loopback'],
  ['http://[::1]:4000/', 'loopback'],
  ['http://[::ffff:127.0.0.1]/', 'loopback'],
  ['http://[::ffff:7f00:1]/', 'loopback'],
  ['http://[0:0:0:0:0:ffff:7f00:1]/', 'loopback'],
  ['https://0.0.0.0/', 'unspecified'],
  ['http://0/', 'unspecified'],
  ['http://0.1.2.3/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://169.254.169.254/latest/meta-data/', 'link-local'],
  ['http://[::ffff:169.254.169.254]/', 'link-local'],
  ['http://[fe80::1]/', 'link-local'],
  ['http://10.0.0.1/', 'private'],
  ['http://10.255.255.255/', 'private'],
  ['http://172.16.0.1/', 'private'],
  ['http://172.31.255.254/', 'private'],
  ['http://192.168.1.1/', 'private'],
  ['http://[::ffff:10.1.2.3]/', 'private'],
  ['http://100.64.0.1/', 'carrier-grade-nat'],
  ['http://100.127.255.254/', 'carrier-grade-nat'],
  ['http://[fc00::1]/', 'unique-local'],
  ['http://[fd12:3456::1]/', 'unique-local'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://255.255.255.255/', 'broadcast'],
  ['http://240.0.0.1/', 'reserved'],
  ['http://192.0.2.10/', 'reserved'],
  ['http://198.18.0.1/', 'reserved'],
  ['http://[2001:db8::1]/', 'reserved'],
  ['http://[::127.0.0.1]/', 'reserved'],
  ['http://[64:ff9b::7f00:1]/', 'reserved'],
  ['http://[2002:7f00:1::1]/', 'reserved'],
];

const strict = new OutboundPolicy(NO_ALLOWED_NETWORKS);
const never: Resolver = () => Promise.reject(new Error('a literal address is never resolved'));
const answers = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('OutboundPolicy at creation', () => {
  it.each(REFUSED)('refuses %s (%s)', (url, rule) => {
    expect(strict.refusalAtCreation(url)).toMatchObject({ rule });
  });

  it('accepts public addresses and host names, which are judged when delivered', () => {
    for (const url of ['https://93.184.216.34/hook', 'http://[2606:4700:4700::1111]:8443/', 'https://lims.example.org/in', 'http://localhost:8080/', 'http://lims.lab.internal/']) {
      expect(strict.refusalAtCreation(url)).toBeUndefined();
    }
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(strict.refusalAtCreation('ftp://lims.example.org/')).toMatchObject({ rule: 'scheme' });
    expect(strict.refusalAtCreation('file:///etc/passwd')).toMatchObject({ rule: 'scheme' });
    expect(strict.refusalAtCreation('not a url')).toMatchObject({ rule: 'scheme' });
    expect(strict.refusalAtCreation('https://lims:secret@lims.example.org/')).toMatchObject({ rule: 'credentials' });
    expect(strict.refusalAtCreation('http://lims@93.184.216.34/')).toMatchObject({ rule: 'credentials' });
  });

  it('throws INVALID_INPUT naming the rule and the address', () => {
    const thrown = (() => {
      try {
        strict.assertAllowedAtCreation('http://2130706433:5432/');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(MicroSegError);
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'url', rule: 'loopback', address: '127.0.0.1' } });
  });

  it('lets an operator allow ranges and addresses, and nothing beyond them', () => {
    const lab = new OutboundPolicy(parseAllowedNetworks('10.20.0.0/16, 127.0.0.0/8,fd12::/16,192.168.7.7'));
    for (const url of ['http://10.20.3.4/', 'http://127.0.0.1:9/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/', 'http://[fd12::1]/', 'http://192.168.7.7/']) {
      expect(lab.refusalAtCreation(url)).toBeUndefined();
    }
    for (const [url, rule] of [['http://10.21.0.1/', 'private'], ['http://[::1]/', 'loopback'], ['http://192.168.7.8/', 'private'], ['http://169.254.169.254/', 'link-local']] as const) {
      expect(lab.refusalAtCreation(url)).toMatchObject({ rule });
    }
  });
});

describe('OutboundPolicy at delivery', () => {
  it('refuses a name when any address it resolves to is refused (DNS rebinding, split answers)', async () => {
    expect(await strict.vet('http://lims.example.org/', answers('127.0.0.1'))).toMatchObject({ allowed: false, refusal: { rule: 'loopback', address: '127.0.0.1' } });
    expect(await strict.vet('http://lims.example.org/', answers('93.184.216.34', '10.0.0.5'))).toMatchObject({ allowed: false, refusal: { rule: 'private' } });
    expect(await strict.vet('http://lims.example.org/', answers('::ffff:169.254.169.254'))).toMatchObject({ allowed: false, refusal: { rule: 'link-local', address: '169.254.169.254' } });
    const refused = await strict.vet('http://localhost:5432/', answers('::1', '127.0.0.1'));
    expect(refused).toMatchObject({ allowed: false, refusal: { rule: 'loopback', reason: expect.stringContaining('localhost resolves to ::1') } });
  });

  it('answers the first vetted address for the socket to use', async () => {
    expect(await strict.vet('https://lims.example.org/in', answers('2606:4700:4700::1111', '93.184.216.34'))).toMatchObject({ allowed: true, address: '2606:4700:4700::1111', family: 6 });
    expect(await strict.vet('http://93.184.216.34/', never)).toMatchObject({ allowed: true, address: '93.184.216.34', family: 4 });
  });

  it('judges literal addresses without resolving and stored URLs by the same rules', async () => {
    for (const [url, rule] of REFUSED) expect(await strict.vet(url, never)).toMatchObject({ allowed: false, refusal: { rule } });
    expect(await strict.vet('gopher://lims.example.org/', never)).toMatchObject({ allowed: false, refusal: { rule: 'scheme' } });
  });

  it('passes on resolver failures and empty answers, to be retried as an unreachable receiver', async () => {
    await expect(strict.vet('http://lims.example.org/', () => Promise.reject(new Error('getaddrinfo ENOTFOUND')))).rejects.toThrow(/ENOTFOUND/);
    await expect(strict.vet('http://lims.example.org/', answers())).rejects.toThrow(/no address/);
  });

  it('lets a named host reach private networks but never loopback, link-local or unspecified addresses', async () => {
    const lab = new OutboundPolicy(parseAllowedNetworks('lims.lab.internal,*.corp.example'));
    expect(await lab.vet('http://lims.lab.internal/', answers('10.20.0.7'))).toMatchObject({ allowed: true, address: '10.20.0.7' });
    expect(await lab.vet('http://LIMS.lab.internal./', answers('fd00::7'))).toMatchObject({ allowed: true });
    expect(await lab.vet('http://a.b.corp.example/', answers('100.64.1.1'))).toMatchObject({ allowed: true });
    expect(await lab.vet('http://corp.example/', answers('10.0.0.1'))).toMatchObject({ allowed: false, refusal: { rule: 'private' } });
    expect(await lab.vet('http://other.lab.internal/', answers('10.20.0.7'))).toMatchObject({ allowed: false, refusal: { rule: 'private' } });
    for (const address of ['127.0.0.1', '169.254.169.254', '0.0.0.0', '::1']) {
      expect(await lab.vet('http://lims.lab.internal/', answers(address))).toMatchObject({ allowed: false });
    }
    // A literal private address is no name: the allowance of a name does not reach it.
    expect(lab.refusalAtCreation('http://10.20.0.7/')).toMatchObject({ rule: 'private' });
  });
});

describe('parseAllowedNetworks', () => {
  it('reads ranges, addresses, names and wildcards, ignoring blanks', () => {
    const allowed = parseAllowedNetworks(' 10.20.0.0/16 ,, fd12::/48, 10.9.9.9, LIMS.Lab.Internal., *.corp.example ');
    expect(allowed.ranges.map(([network, bits]) => `${network.toString()}/${bits}`)).toEqual(['10.20.0.0/16', 'fd12::/48', '10.9.9.9/32']);
    expect(allowed.names).toEqual(['lims.lab.internal', '.corp.example']);
    expect(parseAllowedNetworks('')).toEqual(NO_ALLOWED_NETWORKS);
  });

  it.each(['10.0.0.0/33', 'lims lab', 'http://lims.lab.internal', '-bad.example', '1.2.3', '::ffff:10.0.0.0/104', '*'])('refuses %s', (entry) => {
    expect(() => parseAllowedNetworks(entry)).toThrow();
  });
});

describe('pinnedLookup', () => {
  it('sends a request for any host name to the vetted address only', async () => {
    const server = createServer((req, res) => res.end(req.headers.host));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // No DNS knows this name: the answer can only come from the pinned address.
      const host = await new Promise<string>((resolve, reject) => {
        const req = request(`http://rebinding.invalid:${port}/`, { lookup: pinnedLookup('127.0.0.1', 4) }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
      expect(host).toBe(`rebinding.invalid:${port}`);
    } finally {
      server.close();
    }
  });
});
