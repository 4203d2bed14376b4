import React, { useEffect, useState } from 'react';
import { Button } from '@adminjs/design-system';
import { useNavigate } from 'react-router-dom';
import { useNotice } from 'adminjs';

/** How long «Отменить» is offered (the server accepts it for a minute after the delete). */
const OFFER_SECONDS = 10;
const KEY = 'cert.undo';
const EVENT = 'cert-undo';

interface Offer {
  entryId: string;
  text: string;
  resourceId: string;
  until: number;
}

/** Offers «Отменить» for a delete just made (kept in the tab across the move to the list). */
export function offerUndo(offer: Omit<Offer, 'until'>): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...offer, until: Date.now() + OFFER_SECONDS * 1000 }));
  window.dispatchEvent(new Event(EVENT));
}

function currentOffer(): Offer | null {
  try {
    const offer = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Offer | null;
    return offer && offer.until > Date.now() ? offer : null;
  } catch {
    return null;
  }
}

/**
 * «Письмо «…» удалено. Отменить (9)»: a bar at the bottom of the panel for a few seconds after a delete; «Отменить»
 * restores the record from the change history (its author only) and opens it.
 */
export const UndoBar: React.FC = () => {
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [offer, setOffer] = useState<Offer | null>(currentOffer);
  const [, tick] = useState(0);
  useEffect(() => {
    const refresh = () => setOffer(currentOffer());
    window.addEventListener(EVENT, refresh);
    return () => window.removeEventListener(EVENT, refresh);
  }, []);
  useEffect(() => {
    if (!offer) return undefined;
    const timer = window.setInterval(() => {
      if (Date.now() >= offer.until) {
        sessionStorage.removeItem(KEY);
        setOffer(null);
      } else tick((n) => n + 1);
    }, 250);
    return () => window.clearInterval(timer);
  }, [offer]);
  if (!offer) return null;
  const undo = async () => {
    sessionStorage.removeItem(KEY);
    setOffer(null);
    try {
      const response = await fetch(`/admin/data/journal/${encodeURIComponent(offer.entryId)}/undo`, { method: 'POST', credentials: 'same-origin' });
      const body = (await response.json().catch(() => ({}))) as { message?: string; id?: number };
      if (!response.ok) return addNotice({ message: body.message ?? 'Не удалось отменить удаление', type: 'error' });
      addNotice({ message: body.message ?? 'Удаление отменено', type: 'success' });
      if (body.id) navigate(`/admin/resources/${offer.resourceId}/records/${body.id}/show`);
    } catch {
      addNotice({ message: 'Не удалось отменить удаление: сервер недоступен. Администратор восстановит запись из журнала изменений.', type: 'error' });
    }
  };
  const left = Math.max(0, Math.ceil((offer.until - Date.now()) / 1000));
  return (
    <div
      role="status"
      data-testid="undo-bar"
      style={{
        position: 'fixed',
        left: '50%',
        bottom: 24,
        transform: 'translateX(-50%)',
        zIndex: 1000,
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        padding: '10px 12px 10px 20px',
        borderRadius: 6,
        background: '#1b1c28',
        color: '#fff',
        boxShadow: '0 6px 18px rgba(0,0,0,.25)',
        fontSize: 14,
      }}
    >
      <span>{offer.text}</span>
      <Button type="button" size="sm" variant="contained" onClick={() => void undo()} data-testid="undo-button">
        {`Отменить (${left})`}
      </Button>
    </div>
  );
};
