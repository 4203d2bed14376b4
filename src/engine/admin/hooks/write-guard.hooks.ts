import { ValidationError, type ActionContext, type ActionRequest, type Before } from 'adminjs';

/**
 * The first `before` hook of every new and edit action: only the form's own fields reach the write. A payload
 * that also carries `id`, `uuid`, `isActive`, `createdAt` or `passwordHash` has those dropped (the record's id
 * comes from the address alone), and a select's value must be one of its options. `version` passes: it is the
 * version the form was opened with, which the save compares (optimistic concurrency). The resource's own hooks run
 * after this one and may add derived fields (a password hash, a region found by postal code).
 */
export const onlyEditableFields: Before = async (request: ActionRequest, context: ActionContext) => {
  if (request.method !== 'post') return request;
  const editable = context.resource.decorate().getProperties({ where: 'edit' });
  const roots = new Map(editable.map((property) => [property.propertyPath, property]));
  const payload: Record<string, unknown> = {};
  const errors: Record<string, { message: string }> = {};
  for (const [key, value] of Object.entries(request.payload ?? {})) {
    if (key === 'version') {
      payload.version = value; // the version the form was opened with: compared on save, never written (RowVersions)
      continue;
    }
    const root = key.split('.')[0]!;
    const property = roots.get(root);
    if (!property) continue;
    payload[key] = value;
    if (property.type() === 'boolean' && key === root && !['true', 'false', '', true, false, undefined, null].includes(value as string | boolean)) {
      errors[key] = { message: `Ожидается «да» или «нет» (true/false), получено «${String(value).slice(0, 40)}»` };
    }
    const options = property.availableValues();
    if (options && key === root && value !== '' && value !== null && value !== undefined) {
      if (!options.some((option) => String(option.value) === String(value))) {
        errors[key] = { message: `Выберите одно из значений списка: ${options.map((option) => option.label).join(', ')}` };
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  request.payload = payload;
  return request;
};
