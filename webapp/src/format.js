// Times as people in the zone read them: China's wall clock, 24-hour.
export function when(at) {
  return at ? new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}
