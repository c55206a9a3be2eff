import type { Actor } from '../../domain/access/actor.ts';
import { authorize, inScope } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import { trainingRepository, type CourseRecord } from '../../store/repositories/training.repository.ts';
import type { Tx } from '../context.ts';

/** The provider a trainer acts for (−1 when its account is linked to none); undefined for other roles. */
export async function ownProvider(db: Tx, actor: Actor): Promise<number | undefined> {
  if (actor.role !== 'trainer') return undefined;
  return (await trainingRepository.providerOf(db, actor.userId)) ?? -1;
}

/** Whether a course reaches the actor's region: the course's region contains it or lies inside it. */
export function courseReaches(actor: Actor, courseRegion: string): boolean {
  return inScope(actor, courseRegion) || (actor.role !== 'admin' && actor.regionCode.startsWith(courseRegion));
}

/**
 * Loads a course the actor may reach with `action`. Trainers reach their own provider's courses
 * only. Officers read a course that reaches their region, and change one only inside it.
 */
export async function loadCourse(db: Tx, actor: Actor, id: number, action: string, opts: { change?: boolean } = {}): Promise<CourseRecord> {
  authorize(actor, action);
  const course = await trainingRepository.course(db, id);
  const hidden = () => new DomainError('not_found', `Course ${id} was not found in your region`);
  if (!course) throw DomainError.notFound('Course', id);
  const provider = await ownProvider(db, actor);
  if (provider !== undefined) {
    if (course.providerId !== provider) throw hidden();
    return course;
  }
  if (opts.change) authorize(actor, action, { regionCode: course.regionCode }, `Course ${id}`);
  else if (!courseReaches(actor, course.regionCode)) throw hidden();
  return course;
}
