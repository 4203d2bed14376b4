import { useEffect } from 'react';

/** The design system's error colour (theme.colors.error, #C20012) as the browser reports it. */
const ERROR_COLOR = 'rgb(194, 0, 18)';
const WAIT_MS = 5000;

/** The first field of `form` the design system has marked as wrong (its label and message turn the error colour). */
function firstError(form: Element): Element | undefined {
  return Array.from(form.querySelectorAll('label, div, span, p')).find(
    (element) => element.childElementCount === 0 && (element.textContent ?? '').trim() !== '' && getComputedStyle(element).color === ERROR_COLOR,
  );
}

/**
 * After «Сохранить», when the answer marks fields as wrong, the page scrolls to the first of them (it stayed at the
 * bottom, by the button) and focuses its input. Watches the submitted form for a few seconds, then lets go.
 */
export function useScrollToFirstError(): void {
  useEffect(() => {
    const onSubmit = (event: Event) => {
      const form = event.target as Element | null;
      if (!form || typeof form.querySelectorAll !== 'function') return;
      const observer = new MutationObserver(() => {
        const wrong = firstError(form);
        if (!wrong) return;
        observer.disconnect();
        wrong.scrollIntoView({ block: 'center' });
        const group = wrong.closest('section') ?? wrong.parentElement;
        (group?.querySelector('input, textarea, select') as HTMLElement | null)?.focus({ preventScroll: true });
      });
      observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
      setTimeout(() => observer.disconnect(), WAIT_MS);
    };
    document.addEventListener('submit', onSubmit, true);
    return () => document.removeEventListener('submit', onSubmit, true);
  }, []);
}
