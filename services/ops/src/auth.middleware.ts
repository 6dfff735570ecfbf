import type { Config } from '@gongkai/config';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/** What a request may do: read (viewer) or also write (admin). */
export type Role = 'admin' | 'viewer';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate`: null when the request carries no valid credentials. */
    role?: Role | null;
    /** Who the request acts as, for records such as a replay's operator. */
    principal?: string;
    /** True when the role comes from public read, not from credentials. */
    anonymous?: boolean;
    /** Which tokens the server has (set by `authenticate`), so a refusal can say when the one needed is not configured. */
    tokensSet?: { admin: boolean; viewer: boolean };
    /** Credentials were presented but matched no token. */
    badCredentials?: boolean;
  }
}

/** How to set the admin token: said wherever its absence stops someone. */
export const ADMIN_TOKEN_HINT = 'set GONGKAI_ADMIN_TOKEN (at least 16 characters, e.g. the output of `openssl rand -hex 24`) and restart gongkai';

/** Why a request without a usable role is refused: the cause, not only "credentials required". */
function unauthorizedMessage(req: Request, role: Role): { error: string; message: string } {
  const set = req.tokensSet ?? { admin: true, viewer: true };
  if (role === 'admin' && !set.admin) return { error: 'admin token not set', message: `the admin token is not set on this server, so no one can do this; ${ADMIN_TOKEN_HINT}` };
  if (!set.admin && !set.viewer) {
    return { error: 'no token set', message: `no admin or viewer token is set and public read is off, so no one can read this; ${ADMIN_TOKEN_HINT} (or GONGKAI_VIEWER_TOKEN, or GONGKAI_PUBLIC_READ=true)` };
  }
  if (req.badCredentials) return { error: 'unauthorized', message: `the token given is neither the ${set.admin ? 'admin' : ''}${set.admin && set.viewer ? ' nor the ' : ''}${set.viewer ? 'viewer' : ''} token` };
  return { error: 'unauthorized', message: `credentials required: Authorization: Bearer TOKEN, or basic auth with the token as password (this needs the ${role} token)` };
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** Constant-time comparison (both sides hashed first, so lengths never leak). */
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * The secret a request presents: `Authorization: Bearer TOKEN` (scripts,
 * Prometheus) or `Authorization: Basic base64(user:TOKEN)` (browsers; the
 * user name is only recorded, the password is the token).
 */
export function presentedSecret(header: string | undefined): { secret: string; user: string | null; scheme: 'bearer' | 'basic' } | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (/^bearer$/i.test(scheme!)) return { secret: value, user: null, scheme: 'bearer' };
  if (/^basic$/i.test(scheme!)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { secret: decoded.slice(colon + 1), user: decoded.slice(0, colon) || null, scheme: 'basic' };
  }
  return null;
}

/** The role a secret grants under this configuration, or null. */
export function roleOf(secret: string, auth: Config['auth']): Role | null {
  if (auth.adminToken && same(secret, auth.adminToken)) return 'admin';
  if (auth.viewerToken && same(secret, auth.viewerToken)) return 'viewer';
  return null;
}

/**
 * Sets `req.role`: the role of valid credentials; viewer for a request
 * without credentials when public read is on; null otherwise. Wrong
 * credentials never fall back to public read (a typo should be seen).
 */
export function authenticate(auth: Config['auth']) {
  const tokensSet = { admin: !!auth.adminToken, viewer: !!auth.viewerToken };
  return (req: Request, _res: Response, next: NextFunction) => {
    const presented = presentedSecret(req.headers.authorization);
    req.tokensSet = tokensSet;
    if (presented) {
      req.role = roleOf(presented.secret, auth);
      req.principal = req.role ? `${presented.user ?? req.role}@ops` : undefined;
      req.anonymous = false;
      req.badCredentials = !req.role;
    } else {
      req.role = auth.publicRead ? 'viewer' : null;
      req.principal = req.role ? 'anonymous@ops' : undefined;
      req.anonymous = true;
    }
    next();
  };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requires at least `role`; and for writes, that the request does not come
 * from another site (a page elsewhere could otherwise use a browser's cached
 * basic-auth credentials: CSRF). 401 without valid credentials, 403 when the
 * credentials' role is too low.
 */
export function requireRole(role: Role, opts: { challenge?: boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    // a write never passes on public read: without credentials it is 401, as with no role at all
    if (!req.role || (role === 'admin' && req.anonymous)) {
      const why = unauthorizedMessage(req, role);
      // a browser asked for a token that does not exist would only ask again and again
      const canSignIn = role === 'admin' ? req.tokensSet?.admin !== false : req.tokensSet?.admin !== false || req.tokensSet?.viewer !== false;
      if (opts.challenge && canSignIn) res.setHeader('WWW-Authenticate', 'Basic realm="gongkai ops", charset="UTF-8"');
      res.status(401).json(why);
      return;
    }
    if (role === 'admin' && req.role !== 'admin') {
      const unset = req.tokensSet?.admin === false ? ` (and no admin token is set: ${ADMIN_TOKEN_HINT})` : '';
      res.status(403).json({ error: 'forbidden', message: `this needs the admin token; the viewer role is read-only${unset}` });
      return;
    }
    if (WRITE_METHODS.has(req.method) && crossSite(req)) {
      res.status(403).json({ error: 'forbidden', message: 'cross-site write refused' });
      return;
    }
    next();
  };
}

/** Reads pass; any write needs the admin role (Bull Board's own read-only mode for viewers is the second line). */
export function writesNeedAdmin(req: Request, res: Response, next: NextFunction): void {
  if (WRITE_METHODS.has(req.method)) requireRole('admin')(req, res, next);
  else next();
}

function crossSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * GET /admin/login: with public read a browser is never challenged, so it
 * never sends credentials; this page asks for them (the browser then sends
 * them along for everything under /admin/) and goes on to `next`. With no
 * admin token set it says so instead of asking for a token that does not exist.
 */
export function adminLogin(next: string) {
  return (req: Request, res: Response) => {
    if (req.role === 'admin' && !req.anonymous) return res.redirect(next);
    if (req.tokensSet?.admin === false) {
      return res.status(503).type('text').send(`the admin token is not set on this server, so no one can sign in as admin: ${ADMIN_TOKEN_HINT}\n`);
    }
    res.set('WWW-Authenticate', 'Basic realm="gongkai ops", charset="UTF-8"').status(401).type('text')
      .send(req.badCredentials ? 'that is not the admin token: sign in with the admin token as password\n' : 'sign in with the admin token as password\n');
  };
}
