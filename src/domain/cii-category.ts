/** A CII object's significance category (ФСТЭК's register): 0 — none assigned, 1–3 — first to third. */
export const CII_CATEGORY_LABELS: Record<string, string> = {
  '0': 'Без категории',
  '1': 'Первая',
  '2': 'Вторая',
  '3': 'Третья',
};
