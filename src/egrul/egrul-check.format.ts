import type { CheckRunSummary } from './egrul-check.service.js';

/** A run's summary in Russian, for people and cron mail. */
export function formatCheckSummary(s: CheckRunSummary): string[] {
  const counts = `актуальны: ${s.byStatus.actual}, есть изменения: ${s.byStatus.changed}, нет в ЕГРЮЛ: ${s.byStatus.missing}, не удалось проверить: ${s.byStatus.failed}`;
  const seconds = Math.round(s.durationMs / 1000);
  const resumed = s.resumedAfter > 0 ? ` (продолжение прерванного запуска: ${s.resumedAfter} сверены раньше)` : '';
  if (s.guarded) {
    return [s.stoppedBecause ?? 'Сверка остановлена.', `Проверено ${s.checked} из ${s.total}${resumed} (${counts}) за ${seconds} с.`];
  }
  if (s.stoppedBecause) {
    return [
      `Сверка с ЕГРЮЛ остановлена: ${s.stoppedBecause}`,
      `Сверено ${s.checked + s.resumedAfter} из ${s.total}${resumed} (${counts}) за ${seconds} с. Следующий запуск продолжит с несверенных.`,
    ];
  }
  return [`Сверено с ЕГРЮЛ: ${s.checked + s.resumedAfter} из ${s.total}${resumed} (${counts}) за ${seconds} с.`];
}
