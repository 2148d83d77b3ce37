// A list page of the API (items + nextCursor) whose filters live in the address, so that a link shows the same
// list to whoever opens it. The cursor is in the address too; "previous" goes back through the browser's history.
import { reactive, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { json } from './api.js';

/**
 * @param path the API's list address
 * @param keys the filters, by name, with their defaults (a preset of the route wins over a default)
 */
export function usePagedList(path, keys, preset = {}) {
  const route = useRoute();
  const router = useRouter();
  const filter = reactive(Object.assign({}, keys, preset, pick(route.query, Object.keys(keys))));
  const items = ref([]);
  const loading = ref(false);
  const error = ref('');
  const next = ref(null);
  const cursor = route.query.cursor || '';

  function query() {
    return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)]));
  }

  /** A changed filter starts again from the first page. */
  function apply() {
    router.push({ path: route.path, query: query() });
  }

  function clear() {
    router.push({ path: route.path, query: {} });
  }

  function forward() {
    router.push({ path: route.path, query: Object.assign(query(), { cursor: next.value }) });
  }

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      const params = new URLSearchParams(Object.assign({ limit: '50' }, query(), cursor ? { cursor } : {}));
      const page = await json(path + '?' + params);
      items.value = page.items;
      next.value = page.nextCursor;
    } catch (e) {
      error.value = e.message;
      items.value = [];
    } finally {
      loading.value = false;
    }
  }

  return { filter, items, loading, error, next, paged: !!cursor, query, apply, clear, forward, load,
    back: () => router.back() };
}

function pick(query, names) {
  return Object.fromEntries(Object.entries(query).filter(([k]) => names.includes(k)));
}
