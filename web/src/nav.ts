import type { ComponentType } from 'react';
import { ApartmentOutlined, FlagOutlined, ShopOutlined } from '@ant-design/icons';
import { BookOutlined, FileSearchOutlined, MobileOutlined, SwapOutlined } from '@ant-design/icons';
import { AccountBookOutlined, AuditOutlined, ContactsOutlined, DashboardOutlined, EnvironmentOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { CarOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { SolutionOutlined } from '@ant-design/icons';
import { BarChartOutlined } from '@ant-design/icons';
import { FileDoneOutlined, FundOutlined, InboxOutlined, PayCircleOutlined } from '@ant-design/icons';
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
  { key: 'ledger', path: '/ledger', labelKey: 'nav.ledger', descKey: 'nav.ledger.desc', icon: ContactsOutlined, roles: allowedTo('person.read') },
  { key: 'ledgerHousehold', path: '/ledger', route: '/ledger/households/:id', labelKey: 'nav.ledgerHousehold', icon: ContactsOutlined, roles: allowedTo('household.read'), hidden: true },
  { key: 'ledgerImport', path: '/ledger-import', labelKey: 'nav.ledgerImport', descKey: 'nav.ledgerImport.desc', icon: ImportOutlined, roles: allowedTo('ledger.import') },
  { key: 'ledgerExport', path: '/ledger-export', labelKey: 'nav.ledgerExport', descKey: 'nav.ledgerExport.desc', icon: ExportOutlined, roles: allowedTo('ledger.export') },
  { key: 'policies', path: '/policies', labelKey: 'nav.policies', descKey: 'nav.policies.desc', icon: AccountBookOutlined, roles: allowedTo('policy.read') },
  { key: 'policy', path: '/policies', route: '/policies/:id', labelKey: 'nav.policy', icon: AccountBookOutlined, roles: allowedTo('policy.read'), hidden: true },
  { key: 'claims', path: '/claims', labelKey: 'nav.claims', descKey: 'nav.claims.desc', icon: FileDoneOutlined, roles: allowedTo('claim.read') },
  { key: 'claimQueue', path: '/claims/queue', labelKey: 'nav.claimQueue', descKey: 'nav.claimQueue.desc', icon: InboxOutlined, roles: allowedTo('claim.decide') },
  { key: 'claimNew', path: '/claims', route: '/claims/new', labelKey: 'nav.claimNew', icon: FileDoneOutlined, roles: allowedTo('claim.create'), hidden: true },
  { key: 'claim', path: '/claims', route: '/claims/:id', labelKey: 'nav.claim', icon: FileDoneOutlined, roles: allowedTo('claim.read'), hidden: true },
  { key: 'batches', path: '/payments/batches', labelKey: 'nav.batches', descKey: 'nav.batches.desc', icon: PayCircleOutlined, roles: allowedTo('payment.read') },
  { key: 'batch', path: '/payments/batches', route: '/payments/batches/:id', labelKey: 'nav.batch', icon: PayCircleOutlined, roles: allowedTo('payment.read'), hidden: true },
  { key: 'budgets', path: '/payments/budgets', labelKey: 'nav.budgets', descKey: 'nav.budgets.desc', icon: FundOutlined, roles: allowedTo('budget.read') },
  { key: 'employers', path: '/employers', labelKey: 'nav.employers', descKey: 'nav.employers.desc', icon: ShopOutlined, roles: allowedTo('employer.read') },
  { key: 'employer', path: '/employers', route: '/employers/:id', labelKey: 'nav.employer', icon: ShopOutlined, roles: allowedTo('employer.read'), hidden: true },
  { key: 'postings', path: '/postings', labelKey: 'nav.postings', descKey: 'nav.postings.desc', icon: ApartmentOutlined, roles: allowedTo('posting.read') },
  { key: 'posting', path: '/postings', route: '/postings/:id', labelKey: 'nav.posting', icon: ApartmentOutlined, roles: allowedTo('posting.read'), hidden: true },
  { key: 'worklist', path: '/referrals/worklist', labelKey: 'nav.worklist', descKey: 'nav.worklist.desc', icon: SolutionOutlined, roles: allowedTo('referral.transition') },
  { key: 'campaigns', path: '/campaigns', labelKey: 'nav.campaigns', descKey: 'nav.campaigns.desc', icon: FlagOutlined, roles: allowedTo('campaign.read') },
  { key: 'campaign', path: '/campaigns', route: '/campaigns/:id', labelKey: 'nav.campaign', icon: FlagOutlined, roles: allowedTo('campaign.read'), hidden: true },
  { key: 'checkin', path: '/campaigns', route: '/campaigns/:id/events/:eventId/checkin', labelKey: 'nav.checkin', icon: FlagOutlined, roles: allowedTo('campaign.checkin'), hidden: true },
  { key: 'rounds', path: '/field/rounds', labelKey: 'nav.rounds', descKey: 'nav.rounds.desc', icon: FileSearchOutlined, roles: allowedTo('verification.manage') },
  { key: 'round', path: '/field/rounds', route: '/field/rounds/:id', labelKey: 'nav.round', icon: FileSearchOutlined, roles: allowedTo('verification.manage'), hidden: true },
  { key: 'verify', path: '/field/verify', labelKey: 'nav.verify', descKey: 'nav.verify.desc', icon: MobileOutlined, roles: allowedTo('verification.visit') },
  { key: 'conflicts', path: '/field/conflicts', labelKey: 'nav.conflicts', descKey: 'nav.conflicts.desc', icon: SwapOutlined, roles: allowedTo('verification.resolve') },
  { key: 'courses', path: '/training/courses', labelKey: 'nav.courses', descKey: 'nav.courses.desc', icon: BookOutlined, roles: allowedTo('course.read') },
  { key: 'course', path: '/training/courses', route: '/training/courses/:id', labelKey: 'nav.course', icon: BookOutlined, roles: allowedTo('course.read'), hidden: true },
  { key: 'trips', path: '/transport/trips', labelKey: 'nav.trips', descKey: 'nav.trips.desc', icon: CarOutlined, roles: allowedTo('trip.read') },
  { key: 'trip', path: '/transport/trips', route: '/transport/trips/:id', labelKey: 'nav.trip', icon: CarOutlined, roles: allowedTo('trip.read'), hidden: true },
  { key: 'tripManifest', path: '/transport/trips', route: '/transport/trips/:id/manifest', labelKey: 'nav.tripManifest', icon: CarOutlined, roles: allowedTo('trip.read'), hidden: true },
  { key: 'tripPlanner', path: '/transport/plan', labelKey: 'nav.tripPlanner', descKey: 'nav.tripPlanner.desc', icon: NodeIndexOutlined, roles: allowedTo('trip.plan') },
  { key: 'escort', path: '/transport/escort', route: '/transport/escort/:id?', labelKey: 'nav.escort', descKey: 'nav.escort.desc', icon: MobileOutlined, roles: allowedTo('trip.escort') },
  { key: 'minimumWages', path: '/minimum-wages', labelKey: 'nav.minimumWages', descKey: 'nav.minimumWages.desc', icon: ShopOutlined, roles: allowedTo('minimum_wage.manage') },
  { key: 'stats', path: '/stats', route: '/stats/:code?', labelKey: 'nav.stats', descKey: 'nav.stats.desc', icon: BarChartOutlined, roles: allowedTo('stats.read') },
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
