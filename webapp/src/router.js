import { createRouter, createWebHashHistory } from 'vue-router';
import { restore, session } from './api.js';
import Login from './views/Login.vue';

// Each page is its own chunk, loaded when first opened: the desk's PC does not fetch the admin's pages.
const Ledger = () => import('./views/Ledger.vue');

// What a department's issues wait for, as tabs over its open ones.
const WAITING = [{ label: '全部未销号', query: {} }, { label: '待接收', query: { status: 'FORWARDED' } },
  { label: '办理中', query: { status: 'IN_PROGRESS' } }, { label: '延期待批', query: { extensionPending: 'true' } },
  { label: '即将到期', query: { stage: 'DUE_SOON' } }, { label: '已超期', query: { stage: 'OVERDUE' } }];

// Hash routes: a link with its filters can be shared, and the server serves one page whatever the route.
// roles: who the page is for (the API decides what each may do; this only keeps menus and pages apart).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: Login, meta: { title: '登录' } },
    { path: '/', component: Ledger, meta: { title: '诉求台账', preset: {} } },
    { path: '/register', component: () => import('./views/RegisterIssue.vue'), meta: { title: '窗口登记' } },
    { path: '/overdue', component: Ledger, meta: { title: '超期督办', preset: { stage: 'NEEDS_SUPERVISION' } } },
    { path: '/extensions', component: Ledger, meta: { title: '延期审批', preset: { extensionPending: 'true' } } },
    { path: '/queue', component: Ledger, meta: { title: '新诉求', preset: { status: 'REGISTERED' } } },
    { path: '/returned', component: Ledger, meta: { title: '被退回', preset: { status: 'RETURNED' } } },
    { path: '/to-release', component: Ledger, meta: { title: '待统一反馈', preset: { status: 'AWAITING_RELEASE' } } },
    { path: '/my-work', component: Ledger, meta: { title: '待我办理', preset: { mine: '1', open: 'true' }, tabs: WAITING } },
    { path: '/ledger', component: Ledger, meta: { title: '诉求台账', preset: {} } },
    { path: '/issues/:id', component: () => import('./views/IssuePage.vue'), meta: { title: '诉求详情' } },
    { path: '/accounts', component: () => import('./views/Accounts.vue'), meta: { title: '账号' } },
    { path: '/departments', component: () => import('./views/Departments.vue'), meta: { title: '责任单位' } },
    { path: '/groups', component: () => import('./views/Groups.vue'), meta: { title: '帮扶小组' } },
    { path: '/groups/:id', component: () => import('./views/GroupPage.vue'), meta: { title: '小组' } },
    { path: '/import', component: () => import('./views/ImportEnterprises.vue'), meta: { title: '企业导入' } },
    { path: '/categories', component: () => import('./views/Categories.vue'), meta: { title: '诉求类别' } },
    { path: '/calendar', component: () => import('./views/Calendar.vue'), meta: { title: '工作日历' } },
    { path: '/pushes', component: () => import('./views/DeadPushes.vue'), meta: { title: '推送失败' } },
    { path: '/audit', component: () => import('./views/Audit.vue'), meta: { title: '审计记录' } },
    { path: '/enterprises', component: () => import('./views/Enterprises.vue'), meta: { title: '企业档案' } },
    { path: '/enterprises/:id', component: () => import('./views/EnterpriseFile.vue'), meta: { title: '企业档案' } },
    { path: '/indicators/import', component: () => import('./views/ImportIndicators.vue'), meta: { title: '统计数据导入' } },
    { path: '/targets', component: () => import('./views/Targets.vue'), meta: { title: '年度目标' } },
    { path: '/coverage', component: () => import('./views/Coverage.vue'), meta: { title: '覆盖情况' } },
    { path: '/tags', component: () => import('./views/Tags.vue'), meta: { title: '企业标签' } },
    { path: '/service-tiers', component: () => import('./views/ServiceTiers.vue'), meta: { title: '服务层级' } },
    { path: '/projects', component: () => import('./views/Projects.vue'), meta: { title: '重点项目' } },
    { path: '/projects/:id', component: () => import('./views/ProjectPage.vue'), meta: { title: '重点项目' } },
    { path: '/dispatch', component: () => import('./views/Dispatch.vue'), meta: { title: '两月一调度' } },
    { path: '/meetings', component: () => import('./views/Meetings.vue'), meta: { title: '会议研究与交办' } },
    { path: '/meetings/:id', component: () => import('./views/MeetingPage.vue'), meta: { title: '会议' } },
    { path: '/contests', component: () => import('./views/Contests.vue'), meta: { title: '指标异议' } },
    { path: '/:rest(.*)', redirect: '/' }
  ]
});

/** Where each role starts: the desk at its queue, a department at what waits for it, the office at what to decide. */
export function home() {
  const roles = (session.me && session.me.roles) || [];
  if (roles.includes('ENTERPRISE_DESK')) return '/queue';
  if (roles.includes('DEPARTMENT_HANDLER')) return '/my-work';
  if (roles.includes('OFFICE')) return '/extensions';
  if (roles.includes('ADMIN')) return '/accounts';
  // 区巡查办 reads the program, not issues one by one.
  if (roles.includes('INSPECTOR')) return '/meetings';
  return '/ledger';
}

router.beforeEach(async (to) => {
  if (to.path === '/login') return true;
  const me = await restore();
  if (!me) {
    return to.path === '/' ? '/login' : { path: '/login', query: { next: to.fullPath } };
  }
  // The bare address opens where the caller's role starts.
  return to.path === '/' ? home() : true;
});

router.afterEach((to) => {
  document.title = (to.meta.title ? to.meta.title + ' · ' : '') + '走访工作台';
});
