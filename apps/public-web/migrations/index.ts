import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { CreatePublicRecord1796100000001 } from './1796100000001-create-public-record';

/** The public_web schema's migrations, oldest first; `npm run migrate` applies the pending ones. */
export const migrations: Function[] = [...MESSAGING_MIGRATIONS, CreatePublicRecord1796100000001];
