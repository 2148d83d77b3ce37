// What each step of an issue asks for: the body of its endpoint (api-spec/openapi.yaml), field by field.
// type: department(s) pick from the directory, choice from its list, long is a text area, photos are sent
// first (the answer's evidence), then the step.
const NOTE = [{ name: 'note', label: '意见（可不填）', type: 'long' }];

export const FORMS = {
  FORWARD: [{ name: 'leadDepartmentId', label: '牵头责任单位', type: 'department' },
    { name: 'assistingDepartmentIds', label: '协办单位（可多选）', type: 'departments' },
    { name: 'note', label: '转办意见', type: 'long' }],
  ACCEPT: NOTE,
  RETURN: [{ name: 'reason', label: '退回理由', type: 'long' }],
  INTERIM_REPLY: [{ name: 'text', label: '向企业说明的办理进展', type: 'long' }],
  ASSIST_OPINION: [{ name: 'opinion', label: '协办意见', type: 'long' }],
  PAUSE: [{ name: 'reason', label: '需要企业补充的内容', type: 'long' }],
  RESUME: NOTE,
  RESPOND: [{ name: 'response', label: '答复内容', type: 'long' },
    { name: 'resolution', label: '办理结果', type: 'choice', choices: [['RESOLVED', '已解决'], ['EXPLAINED', '已解释说明']] },
    { name: 'photos', label: '照片（可多选，先于答复上传）', type: 'photos' }],
  RELEASE: NOTE,
  SEND_BACK: [{ name: 'comment', label: '退回意见', type: 'long' }],
  CONFIRM: [{ name: 'satisfied', label: '是否满意', type: 'choice', choices: [[true, '满意'], [false, '不满意']] },
    { name: 'rating', label: '评分（1–5）', type: 'number', min: 1, max: 5 },
    { name: 'comment', label: '评价', type: 'long' }],
  CLOSE_OUT: NOTE,
  WITHDRAW: NOTE,
  REQUEST_EXTENSION: [{ name: 'workingDays', label: '延期工作日数', type: 'number', min: 1, max: 30 },
    { name: 'reason', label: '延期理由', type: 'long' }],
  DECIDE_EXTENSION: [{ name: 'approved', label: '审批意见', type: 'choice', choices: [[true, '同意'], [false, '不同意']] },
    { name: 'note', label: '说明', type: 'long' }],
  SUPERVISE: [{ name: 'note', label: '督办要求', type: 'long' }],
  MARK_DUPLICATE: [{ name: 'originalId', label: '原诉求', type: 'issue' }, { name: 'note', label: '说明', type: 'long' }],
  CLOSE_WITHOUT_CONFIRMATION: [{ name: 'reason', label: '销号理由', type: 'long' }]
};

export function formOf(action) {
  return FORMS[action] || NOTE;
}

/** What a form starts with: the usual answer where there is one. */
export function initialBody(action) {
  if (action === 'RESPOND') return { resolution: 'RESOLVED' };
  if (action === 'DECIDE_EXTENSION') return { approved: true };
  return {};
}

/** Character bigrams' overlap (Dice): Chinese titles have no spaces to split words at. */
export function similarity(a, b) {
  const grams = (s) => {
    const t = (s || '').replace(/[\s\p{P}]/gu, '');
    const out = new Map();
    for (let i = 0; i < t.length - 1; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) || 0) + 1);
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  let total = 0;
  x.forEach((n, g) => { shared += Math.min(n, y.get(g) || 0); total += n; });
  y.forEach((n) => { total += n; });
  return total === 0 ? 0 : (2 * shared) / total;
}
