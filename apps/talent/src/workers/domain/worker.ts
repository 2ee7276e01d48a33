import type { FieldProblem, NewEvent, SkillCode, SocialWorkerLevel, StaffRole } from '@sanshe/contracts';

/** A weekly slot the worker is available in: weekday 1 (Monday) – 7, from < to (HH:MM). */
export interface Slot {
  weekday: number;
  from: string;
  to: string;
}

export interface CertificateInput {
  level: SocialWorkerLevel;
  number: string;
  issuedOn: string;
  expiresOn: string;
}

export interface Certificate extends CertificateInput {
  certificateId: string;
  workerId: string;
}

/** What PUT /workers/{id} sets. `certificate` is recorded with the change (a certified worker needs one in force). */
export interface WorkerBody {
  organizationId: string | null;
  kind: StaffRole;
  level?: SocialWorkerLevel;
  name: string;
  phone?: string;
  school?: string;
  internshipEndsOn?: string;
  skills?: SkillCode[];
  availability?: Slot[];
  status?: 'active' | 'left';
  leftOn?: string;
  careerNote?: string;
  certificate?: CertificateInput;
}

export interface Worker {
  workerId: string;
  organizationId: string | null;
  kind: StaffRole;
  level: SocialWorkerLevel | null;
  status: 'active' | 'left';
  leftOn: string | null;
  /** Personal: never on the wire. */
  name: string;
  phone: string | null;
  school: string | null;
  internshipEndsOn: string | null;
  skills: SkillCode[];
  availability: Slot[];
  /** An intern kept on as community staff or a certified social worker (the career path). */
  retainedFromIntern: boolean;
  revision: number;
  createdBy: string;
}

/** A change of kind on the career path. */
export interface CareerStep {
  fromKind: StaffRole;
  toKind: StaffRole;
  note: string | null;
}

type WorkerEventType = 'sanshe.talent.worker.registered.v1' | 'sanshe.talent.worker.updated.v1';
export type WorkerFact = Omit<NewEvent<WorkerEventType>, 'source'>;

export interface WorkerChange {
  state: Worker;
  facts: WorkerFact[];
  career: CareerStep | null;
}

const CERTIFIED: StaffRole = 'certified-social-worker';
/** Kinds an intern is "kept on as": staff the organization employs, not volunteers. */
const RETAINED_AS: readonly StaffRole[] = ['community-staff', 'certified-social-worker'];

/** The latest expiry among certificates at `level` in force on `today` (null: none is). */
export function certifiedUntil(certificates: readonly CertificateInput[], level: string | null, today: string) {
  const inForce = certificates.filter((c) => c.level === level && c.issuedOn <= today && c.expiresOn >= today);
  return inForce.reduce<string | null>((latest, c) => (latest && latest >= c.expiresOn ? latest : c.expiresOn), null);
}

/** A certificate's problems the schema cannot see (its dates), under `prefix`. */
export function certificateProblems(input: CertificateInput, prefix: string): FieldProblem[] {
  if (input.expiresOn > input.issuedOn) return [];
  return [{ path: `${prefix}/expiresOn`, message: `must be after issuedOn (${input.issuedOn})` }];
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Each slot's problems: from before to, and no two slots of a weekday overlapping. */
export function availabilityProblems(slots: readonly Slot[], prefix = '/body/availability'): FieldProblem[] {
  return slots.flatMap((slot, i): FieldProblem[] => {
    if (minutesOf(slot.from) >= minutesOf(slot.to)) {
      return [{ path: `${prefix}/${i}`, message: `from (${slot.from}) must be before to (${slot.to})` }];
    }
    const overlapped = slots.findIndex(
      (other, j) =>
        j < i &&
        other.weekday === slot.weekday &&
        minutesOf(other.from) < minutesOf(slot.to) &&
        minutesOf(slot.from) < minutesOf(other.to),
    );
    return overlapped < 0
      ? []
      : [{ path: `${prefix}/${i}`, message: `overlaps slot ${overlapped} on weekday ${slot.weekday}` }];
  });
}

/**
 * The body's problems the schema cannot see. `held`: the worker's certificates already recorded; a
 * certified worker newly at a level (new, a change of kind or level) needs one in force at it today.
 */
export function workerProblems(
  body: WorkerBody,
  current: Worker | null,
  held: readonly CertificateInput[],
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const say = (field: string, message: string) => problems.push({ path: `/body/${field}`, message });
  if (body.kind === CERTIFIED && !body.level) say('level', `is required for a ${CERTIFIED}`);
  if (body.kind !== CERTIFIED && body.level) say('level', `is only for a ${CERTIFIED}, not a ${body.kind}`);
  if (body.kind !== 'intern') {
    if (body.school !== undefined) say('school', `is only for an intern, not a ${body.kind}`);
    if (body.internshipEndsOn !== undefined) say('internshipEndsOn', `is only for an intern, not a ${body.kind}`);
  }
  if (body.status !== 'left' && body.leftOn !== undefined) say('leftOn', 'is only for a worker who left (status left)');
  if (body.certificate) problems.push(...certificateProblems(body.certificate, '/body/certificate'));
  problems.push(...availabilityProblems(body.availability ?? []));
  const newlyAtLevel = !current || current.kind !== body.kind || current.level !== (body.level ?? null);
  if (body.kind === CERTIFIED && body.level && newlyAtLevel && !problems.length) {
    const certificates = body.certificate ? [...held, body.certificate] : held;
    if (!certifiedUntil(certificates, body.level, today)) {
      say(
        'level',
        `a ${CERTIFIED} at ${body.level} needs a certificate at that level in force on ${today} (give one in certificate)`,
      );
    }
  }
  return problems;
}

function nextState(current: Worker | null, workerId: string, body: WorkerBody, today: string, by: string): Worker {
  const status = body.status ?? 'active';
  const wasIntern = current?.kind === 'intern' || (current?.retainedFromIntern ?? false);
  return {
    workerId,
    organizationId: body.organizationId,
    kind: body.kind,
    level: body.level ?? null,
    status,
    leftOn: status === 'left' ? (body.leftOn ?? (current?.status === 'left' ? current.leftOn : today)) : null,
    name: body.name,
    phone: body.phone ?? null,
    school: body.school ?? null,
    internshipEndsOn: body.internshipEndsOn ?? null,
    skills: [...(body.skills ?? [])],
    availability: (body.availability ?? []).map(({ weekday, from, to }) => ({ weekday, from, to })),
    retainedFromIntern: wasIntern && RETAINED_AS.includes(body.kind),
    revision: current ? current.revision + 1 : 1,
    createdBy: current?.createdBy ?? by,
  };
}

const CHANGEABLE: readonly (keyof Worker)[] = [
  'organizationId',
  'kind',
  'level',
  'status',
  'leftOn',
  'name',
  'phone',
  'school',
  'internshipEndsOn',
  'skills',
  'availability',
  'retainedFromIntern',
];
const same = (a: Worker, b: Worker) => CHANGEABLE.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));

/**
 * PUT's outcome: a new worker (revision 1, registered), a change (revision + 1, updated, a career step
 * when the kind changed), or nothing when neither the record nor its certificate in force changed.
 */
export function applyWorkerPut(
  current: Worker | null,
  workerId: string,
  body: WorkerBody,
  certified: { before: string | null; after: string | null },
  today: string,
  by: string,
): WorkerChange {
  const state = nextState(current, workerId, body, today, by);
  if (!current) return { state, facts: [workerFact(state, certified.after, 'registered')], career: null };
  if (same(current, state) && certified.before === certified.after) return { state: current, facts: [], career: null };
  const career =
    current.kind === state.kind ? null : { fromKind: current.kind, toKind: state.kind, note: body.careerNote ?? null };
  return { state, facts: [workerFact(state, certified.after, 'updated')], career };
}

/** A certificate recorded on its own: an update only when the certificate in force changed. */
export function applyCertificate(current: Worker, before: string | null, after: string | null): WorkerChange {
  if (before === after) return { state: current, facts: [], career: null };
  const state = { ...current, revision: current.revision + 1 };
  return { state, facts: [workerFact(state, after, 'updated')], career: null };
}

/** The worker on the wire: ids, kind, level, skills, dates; no name, phone nor school. */
export function workerFact(
  state: Worker,
  certifiedUntilDate: string | null,
  verb: 'registered' | 'updated',
): WorkerFact {
  const type: WorkerEventType = `sanshe.talent.worker.${verb}.v1`;
  return {
    type,
    subject: state.workerId,
    id: `${type}:${state.workerId}:${state.revision}`,
    data: {
      workerId: state.workerId,
      organizationId: state.organizationId,
      kind: state.kind,
      ...(state.level ? { level: state.level } : {}),
      status: state.status,
      revision: state.revision,
      skills: state.skills,
      ...(state.internshipEndsOn ? { internshipEndsOn: state.internshipEndsOn } : {}),
      ...(state.kind === CERTIFIED ? { certifiedUntil: certifiedUntilDate } : {}),
      retainedFromIntern: state.retainedFromIntern,
    },
  };
}
