// The public, token-carrying paths of the engine itself. One place, so the
// renderer that writes links and the controllers that answer them agree.
// The kinds' pages add their own (KindBasics.publicLinks), checked against these at start-up.
export const PUBLIC_PATHS = {
  redirect: 'r',
  open: 'o',
  view: 'v',
  unsubscribe: 'u',
  preferences: 'm',
} as const;

export type PublicLinkName = keyof typeof PUBLIC_PATHS;

/** A page a template may ask `link` for: its path and whether it takes one more segment (an answer, an offer). */
export interface ActionLink {
  path: string;
  segment: boolean;
}

/** The engine's own pages a template may link to; the kinds' pages join them. */
export const SYSTEM_ACTION_LINKS: Record<string, ActionLink> = {
  view: { path: PUBLIC_PATHS.view, segment: false },
  unsubscribe: { path: PUBLIC_PATHS.unsubscribe, segment: false },
  preferences: { path: PUBLIC_PATHS.preferences, segment: false },
};

/** `{base}/{path}/{token}[/{segment}]`; the segment is URL-encoded. */
export function publicLink(base: string, path: string, token: string, segment?: string | number): string {
  const tail = segment === undefined ? '' : `/${encodeURIComponent(String(segment))}`;
  return `${base}/${path}/${token}${tail}`;
}

export function openPixelUrl(base: string, token: string): string {
  return `${base}/${PUBLIC_PATHS.open}/${token}.gif`;
}
