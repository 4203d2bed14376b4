/**
 * The JSON of the organization card's sections (letters, own resources, outsourcing), as /admin/data answers it
 * and the card's components read it. Types only, no imports: the panel's components import them too.
 */

export interface CardLetter {
  id: number;
  direction: 'incoming' | 'outgoing';
  ourNumber: string | null;
  ourDate: string | null;
  theirNumber: string | null;
  theirDate: string | null;
  information: string;
  executorName: string | null;
  dueDate: string | null;
  status: 'answered' | 'waiting' | 'overdue' | null;
}

export interface CardResource {
  id: number;
  name: string;
  fstecRegNumber: string | null;
  category: number | null;
  isOkii: boolean;
  regions: string[];
}

export interface CardOutsourcing {
  id: number;
  providerId: number;
  providerName: string;
  resourceId: number;
  resourceName: string;
  ownerId: number;
  ownerName: string;
  dateStart: string;
  dateEnd: string | null;
  props: string | null;
}

/** Another unit of the same legal entity in the registry: its head organization, or one of its branches. */
export interface CardRelatedUnit {
  id: number;
  role: 'head' | 'branch';
  name: string;
  kpp: string | null;
  isActive: boolean;
}
