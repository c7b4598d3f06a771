// serve: who may talk to the server, and to which audiences. Bound to a loopback address it may
// run without a token (then it answers only requests addressed to localhost, so a web page cannot
// reach it by DNS rebinding, and every audience is open to whoever is on this machine); bound to
// any other address it needs tokens, sent as a bearer header. BRIEF_TOKEN opens every audience,
// internal ones included; BRIEF_TOKENS gives each token the audiences it opens, so a service for
// public readers hands out a token that opens the public audience only.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A token and what it opens: a set of audience ids, or every audience. */
export interface Grant {
  readonly token: string;
  readonly audiences: ReadonlySet<string> | 'all';
}

/** What a request may reach: every audience, or these. */
export type Reach = ReadonlySet<string> | 'all';

export const mayReach = (reach: Reach, audience: string): boolean => reach === 'all' || reach.has(audience);

/** True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

const MIN_TOKEN = 16;
const AUDIENCE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * BRIEF_TOKEN (every audience) and BRIEF_TOKENS, "public:<token>,analyst+executive:<token>"
 * (`*` for every audience), as grants; or what is wrong with them, in plain words.
 */
export function parseGrants(
  single: string | undefined,
  many: string | undefined,
): { grants: Grant[] } | { problem: string } {
  const grants: Grant[] = [];
  if (single !== undefined) {
    if (single.length < MIN_TOKEN)
      return {
        problem: `BRIEF_TOKEN is shorter than ${MIN_TOKEN} characters; use a long random one (for example: openssl rand -hex 32)`,
      };
    grants.push({ token: single, audiences: 'all' });
  }
  for (const [i, entry] of (many ?? '')
    .split(',')
    .map((s) => s.trim())
    .entries()) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const where = `BRIEF_TOKENS entry ${i + 1}`;
    if (colon < 0)
      return {
        problem: `${where} has no ":"; write each entry as <audience>[+<audience>…]:<token>, for example public:$(openssl rand -hex 32)`,
      };
    const names = entry
      .slice(0, colon)
      .split('+')
      .map((s) => s.trim());
    const token = entry.slice(colon + 1).trim();
    if (token.length < MIN_TOKEN)
      return {
        problem: `${where} (${names.join('+')}) has a token shorter than ${MIN_TOKEN} characters; use a long random one (openssl rand -hex 32)`,
      };
    const bad = names.find((n) => n !== '*' && !AUDIENCE.test(n));
    if (bad !== undefined)
      return {
        problem: `${where}: "${bad.slice(0, 40)}" is not an audience id (lowercase letters, digits, hyphens; * for every audience)`,
      };
    if (grants.some((g) => g.token === token))
      return {
        problem: `${where}: the same token is given twice; give each token once, with every audience it opens joined by +`,
      };
    grants.push({ token, audiences: names.includes('*') ? 'all' : new Set(names) });
  }
  return { grants };
}

/** Whether the server may start on `host` with these grants; the reason in plain words when not. */
export function bindProblem(host: string, grants: readonly Grant[]): string | undefined {
  if (isLoopback(host) || grants.length) return undefined;
  return (
    `brief serve will not listen on ${host} without a token: anyone who reaches that address could use it. ` +
    'Set BRIEF_TOKEN to a long random secret (clients send it as "Authorization: Bearer <token>"; it opens every audience), ' +
    'or BRIEF_TOKENS to tokens per audience (public:<token>,…), or listen on 127.0.0.1 (the default)'
  );
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The grant whose token the header carries, or undefined. Constant time: every grant is compared,
 * by digests of one length whatever was sent.
 */
export function grantFor(grants: readonly Grant[], header: string | undefined): Grant | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const sent = digest(m ? m[1]! : '');
  let found: Grant | undefined;
  for (const g of grants) if (timingSafeEqual(digest(g.token), sent) && m) found = g;
  return found;
}

/** On a loopback bind without a token, the Host header must name this machine (no DNS rebinding). */
export function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.replace(/:\d+$/, '');
  return isLoopback(host);
}

/** One token that opens every audience (BRIEF_TOKEN alone). */
export const tokenMatches = (expected: string, header: string | undefined): boolean =>
  grantFor([{ token: expected, audiences: 'all' }], header) !== undefined;

/** What each request passed at the door may reach; a request not in it was turned away. */
export const reaches = new WeakMap<object, Reach>();

/** The audiences this request may reach (none, unless the door let it in). */
export const reachOf = (request: { readonly raw: object }): Reach => reaches.get(request.raw) ?? new Set<string>();
