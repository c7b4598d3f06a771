// serve: who may talk to the server. Bound to a loopback address it may run without a token (then
// it answers only requests addressed to localhost, so a web page cannot reach it by DNS
// rebinding); bound to any other address it needs one (BRIEF_TOKEN), sent as a bearer header.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Whether the server may start on `host` with this token; the reason in plain words when not. */
export function bindProblem(host: string, token: string | undefined): string | undefined {
  if (token !== undefined && token.length < 16) return 'BRIEF_TOKEN is shorter than 16 characters; use a long random one (for example: openssl rand -hex 32)';
  if (isLoopback(host) || token) return undefined;
  return `brief serve will not listen on ${host} without a token: anyone who reaches that address could use it. ` +
    'Set BRIEF_TOKEN to a long random secret (clients send it as "Authorization: Bearer <token>"), or listen on 127.0.0.1 (the default)';
}

/** Compares in constant time: the digests have one length whatever was sent. */
export function tokenMatches(expected: string, header: string | undefined): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(m[1]!));
}

/** On a loopback bind without a token, the Host header must name this machine (no DNS rebinding). */
export function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
  return isLoopback(host);
}
