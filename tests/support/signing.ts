// Test support: a throwaway signing certificate and key (PKCS#12, made with openssl at test time),
// and a loopback RFC 3161 timestamp authority (Node's HTTP server answering with `openssl ts -reply`).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed certificate and key in `dir`/signer.p12, with `password`; its DER sha256. */
export async function makeSigner(
  dir: string,
  subject = '/CN=brief test signer/O=Brief tests',
  password = 'test-password',
): Promise<{ p12: string; password: string; sha256: string }> {
  const key = path.join(dir, 'signer.key');
  const crt = path.join(dir, 'signer.crt');
  const p12 = path.join(dir, 'signer.p12');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    crt,
    '-days',
    '2',
    '-subj',
    subject,
  ]);
  await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', `pass:${password}`]);
  const der = await run('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256']);
  const sha256 = /=([0-9A-F:]+)/.exec(der.stdout)![1]!.replaceAll(':', '').toLowerCase();
  return { p12, password, sha256 };
}

/** A timestamp authority on 127.0.0.1: its URL, and how to stop it. */
export async function startTsa(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'brief-tsa-'));
  const key = path.join(dir, 'tsa.key');
  const crt = path.join(dir, 'tsa.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    crt,
    '-days',
    '2',
    '-subj',
    '/CN=brief test TSA',
    '-addext',
    'extendedKeyUsage=critical,timeStamping',
  ]);
  await writeFile(path.join(dir, 'serial'), '01\n');
  const config = path.join(dir, 'tsa.cnf');
  await writeFile(
    config,
    [
      '[ tsa ]',
      'default_tsa = tsa1',
      '[ tsa1 ]',
      `serial = ${path.join(dir, 'serial')}`,
      `signer_cert = ${crt}`,
      `certs = ${crt}`,
      `signer_key = ${key}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      'ordering = no',
      'tsa_name = no',
      '',
    ].join('\n'),
  );
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      count++;
      const n = count;
      const query = path.join(dir, `q${n}.tsq`);
      const reply = path.join(dir, `r${n}.tsr`);
      try {
        await writeFile(query, Buffer.concat(chunks));
        await run('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply]);
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
        res.end(await readFile(reply));
      } catch (err) {
        res.writeHead(500);
        res.end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsr`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
