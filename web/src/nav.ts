import type { ComponentType } from 'react';
import { AuditOutlined, DashboardOutlined, EnvironmentOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../src/domain/access/permissions/index.ts';
import type { Role } from '../../src/domain/access/roles.ts';
import type { MessageKey } from './i18n/zh-CN.ts';

/**
 * The navigation of the app, as data: the side menu, the dashboard shortcuts and the route guard
 * all read this list.
 *
 * To add a page:
 *   1. add one entry below (labelKey and descKey are message keys: add them to i18n/zh-CN.ts and
 *      i18n/en.ts — the compiler lists any you forget);
 *   2. add one line to PAGES in App.tsx: `key: lazy(() => import('./pages/…/MyPage.tsx'))`.
 * Roles come from the server's permission table, so the menu never offers what the API refuses.
 */
export interface NavEntry {
  key: string;
  /** Where the menu links to. */
  path: string;
  /** The route pattern when it takes parameters; defaults to `path`. */
  route?: string;
  labelKey: MessageKey;
  /** One line for the dashboard shortcut. */
  descKey?: MessageKey;
  icon: ComponentType;
  /** Who may open it; absent means every logged-in account. Administrators may open everything. */
  roles?: readonly Role[];
  /** Kept out of the side menu (still routed). */
  hidden?: boolean;
}

/** The roles the server lets perform an action; an action it does not know is left to administrators. */
function allowedTo(action: string): readonly Role[] {
  return PERMISSIONS[action] ?? [];
}

export const NAV: NavEntry[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', descKey: 'nav.home.desc', icon: DashboardOutlined },
  { key: 'regions', path: '/regions', route: '/regions/:code?', labelKey: 'nav.regions', descKey: 'nav.regions.desc', icon: EnvironmentOutlined, roles: allowedTo('region.read') },
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', descKey: 'nav.users.desc', icon: TeamOutlined, roles: allowedTo('user.read') },
  { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', descKey: 'nav.audit.desc', icon: AuditOutlined, roles: allowedTo('audit.read') },
  { key: 'account', path: '/account', labelKey: 'nav.account', descKey: 'nav.account.desc', icon: UserOutlined },
];

export function canOpen(entry: NavEntry, role: string): boolean {
  return role === 'admin' || !entry.roles || (entry.roles as readonly string[]).includes(role);
}

export function navFor(role: string): NavEntry[] {
  return NAV.filter((e) => canOpen(e, role));
}

/** The entry whose path is the longest prefix of the location, for highlighting the menu. */
export function activeEntry(pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const e of NAV) {
    const hit = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (hit && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}
