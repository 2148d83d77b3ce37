// One way for every form of the back office to send: busy while it runs, the problem's words above the form,
// its field errors next to their fields, a stale version (412) said as such.
import { ref } from 'vue';

export function useSubmit() {
  const busy = ref(false);
  const error = ref('');
  const fields = ref({});

  function reset() {
    error.value = '';
    fields.value = {};
  }

  /** Runs the action; true when it went through. */
  async function run(action) {
    busy.value = true;
    reset();
    try {
      await action();
      return true;
    } catch (e) {
      error.value = e.status === 412 ? '内容已被他人修改，请刷新页面后再试' : e.message;
      fields.value = e.fields || {};
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, fields, reset, run };
}
