import type { ActionRequest, Before } from 'adminjs';

/** Makes AdminJS's `search` action (reference selects) filter by `property` instead of the title column. */
export const searchBy =
  (property: string): Before =>
  async (request: ActionRequest) => ({ ...request, query: { ...request.query, searchProperty: property } });
