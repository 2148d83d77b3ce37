import { createRouter, createWebHashHistory } from 'vue-router';
import { restore, session } from './api.js';
import Login from './views/Login.vue';
import Ledger from './views/Ledger.vue';
import IssuePage from './views/IssuePage.vue';
import RegisterIssue from './views/RegisterIssue.vue';

// Hash routes: a link with its filters can be shared, and the server serves one page whatever the route.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', component: Login, meta: { title: '登录' } },
    { path: '/', component: Ledger, meta: { title: '诉求台账', preset: {} } },
    { path: '/register', component: RegisterIssue, meta: { title: '窗口登记' } },
    { path: '/overdue', component: Ledger, meta: { title: '超期督办', preset: { stage: 'NEEDS_SUPERVISION' } } },
    { path: '/queue', component: Ledger, meta: { title: '新诉求', preset: { status: 'REGISTERED' } } },
    { path: '/returned', component: Ledger, meta: { title: '被退回', preset: { status: 'RETURNED' } } },
    { path: '/to-release', component: Ledger, meta: { title: '待统一反馈', preset: { status: 'AWAITING_RELEASE' } } },
    { path: '/my-work', component: Ledger, meta: { title: '待我办理', preset: { mine: '1' } } },
    { path: '/ledger', component: Ledger, meta: { title: '诉求台账', preset: {} } },
    { path: '/issues/:id', component: IssuePage, meta: { title: '诉求详情' } }
  ]
});

/** Where each role starts: the desk at its queue, a department at what waits for it, others at the ledger. */
export function home() {
  const roles = (session.me && session.me.roles) || [];
  if (roles.includes('ENTERPRISE_DESK')) return '/queue';
  if (roles.includes('DEPARTMENT_HANDLER')) return '/my-work';
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
