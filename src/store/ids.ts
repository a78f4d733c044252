import { v7 } from 'uuid';

/** Time-ordered UUIDv7: client-generated so rows can sync, sortable by creation. */
export const newId = (): string => v7();

/** The short form shown to people: enough of the random tail to be unique in practice. */
export const shortId = (id: string): string => id.replace(/-/g, '').slice(-8);
