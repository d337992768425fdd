// Every public, token-carrying path a customer can hit. One place, so the
// renderer that writes links and the controllers that answer them agree.
export const PUBLIC_PATHS = {
  redirect: 'r',
  open: 'o',
  view: 'v',
  unsubscribe: 'u',
  preferences: 'm',
  poll: 'p',
  gift: 'g',
  contest: 'c',
  trial: 't',
  loyalty: 'l',
  service: 's',
} as const;

export type PublicLinkName = keyof typeof PUBLIC_PATHS;

/** Names a template may ask `link` for, with the number of extra path segments they take. */
export const ACTION_LINK_ARITY: Record<Exclude<PublicLinkName, 'redirect' | 'open'>, 0 | 1> = {
  view: 0,
  unsubscribe: 0,
  preferences: 0,
  poll: 1,
  gift: 0,
  contest: 0,
  trial: 0,
  loyalty: 0,
  service: 1,
};

export function isActionLinkName(name: string): name is keyof typeof ACTION_LINK_ARITY {
  return Object.prototype.hasOwnProperty.call(ACTION_LINK_ARITY, name);
}

/** `{base}/{path}/{token}[/{segment}]`; the segment is URL-encoded. */
export function publicLink(base: string, name: PublicLinkName, token: string, segment?: string | number): string {
  const tail = segment === undefined ? '' : `/${encodeURIComponent(String(segment))}`;
  return `${base}/${PUBLIC_PATHS[name]}/${token}${tail}`;
}

export function openPixelUrl(base: string, token: string): string {
  return `${base}/${PUBLIC_PATHS.open}/${token}.gif`;
}
