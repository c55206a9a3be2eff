import { DomainError, type FieldIssue } from '../errors.ts';
import type { PassengerStatus, TripStatus } from './vocabulary.ts';

/**
 * Above this body temperature (°C) a passenger may not board: the epidemic-control rule the county
 * teams applied at every pickup point in March 2020.
 */
export const TEMPERATURE_LIMIT_C = 37.3;
/** Readings outside this range are typing mistakes, not temperatures. */
export const TEMPERATURE_RANGE_C = { min: 34, max: 43 };

/** The check made on a passenger before boarding. */
export interface HealthCheck {
  temperatureC: number;
  healthCertificate: boolean;
  kitIssued: boolean;
}

/** Validates a reading: one decimal, inside the plausible range. */
export function checkReading(c: HealthCheck): FieldIssue[] {
  const t = c.temperatureC;
  if (!Number.isFinite(t) || t < TEMPERATURE_RANGE_C.min || t > TEMPERATURE_RANGE_C.max || Math.round(t * 10) !== t * 10) {
    return [{
      field: 'temperature',
      code: 'temperature_reading',
      message: `must be a reading in °C from ${TEMPERATURE_RANGE_C.min} to ${TEMPERATURE_RANGE_C.max} with at most one decimal`,
      messageZh: `体温应为${TEMPERATURE_RANGE_C.min}至${TEMPERATURE_RANGE_C.max}℃之间、最多一位小数的读数`,
      params: TEMPERATURE_RANGE_C,
    }];
  }
  return [];
}

/** Temperatures are kept as tenths of a degree so that 37.3 compares exactly. */
export function toTenths(c: number): number {
  return Math.round(c * 10);
}

/** Why a checked passenger may not board, in rule order; empty when the check passes. */
export function boardingBlocks(c: HealthCheck): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (toTenths(c.temperatureC) > toTenths(TEMPERATURE_LIMIT_C)) {
    out.push({
      field: 'temperature',
      code: 'temperature_too_high',
      message: `${c.temperatureC} °C is above ${TEMPERATURE_LIMIT_C} °C: the passenger may not board`,
      messageZh: `体温${c.temperatureC}℃高于${TEMPERATURE_LIMIT_C}℃，不得登车`,
      params: { limit: TEMPERATURE_LIMIT_C, temperature: c.temperatureC },
    });
  }
  if (!c.healthCertificate) {
    out.push({ field: 'healthCertificate', code: 'health_certificate_missing', message: 'the passenger has no health certificate', messageZh: '未持健康证明，不得登车' });
  }
  if (!c.kitIssued) {
    out.push({ field: 'kitIssued', code: 'protective_kit_missing', message: 'the protective kit (masks) has not been issued', messageZh: '尚未发放防护用品（口罩等）' });
  }
  return out;
}

/**
 * Throws unless the passenger may board now: the trip is boarding, the passenger is listed, and
 * their latest check passes. The first failing rule gives the error code.
 */
export function assertMayBoard(trip: TripStatus, passenger: PassengerStatus, check: HealthCheck | null): void {
  if (trip !== 'boarding') {
    throw new DomainError('trip_not_boarding', `Passengers board only while the trip is boarding; it is ${trip} (车次不在登车状态)`, { details: { status: trip } });
  }
  if (passenger !== 'listed') {
    throw new DomainError('passenger_not_listed', `The passenger is ${passenger}, not waiting to board (该乘客不在待登车状态)`, { details: { status: passenger } });
  }
  if (!check) {
    throw new DomainError('health_check_missing', 'Record the passenger’s temperature, health certificate and protective kit before boarding (登车前须登记体温、健康证明和防护用品)');
  }
  const blocks = boardingBlocks(check);
  if (blocks.length > 0) {
    throw new DomainError(blocks[0].code, `${blocks.map((b) => b.message).join('; ')} (${blocks.map((b) => b.messageZh).join('；')})`, { issues: blocks, details: { rule: blocks[0].code } });
  }
}

/** Throws unless a check may be recorded: before departure, for a passenger still to board. */
export function assertMayCheck(trip: TripStatus, passenger: PassengerStatus): void {
  if (trip !== 'planned' && trip !== 'boarding') {
    throw new DomainError('trip_not_boarding', `Checks are recorded before departure; the trip is ${trip} (车次已发车或已结束)`, { details: { status: trip } });
  }
  if (passenger !== 'listed') {
    throw new DomainError('passenger_not_listed', `The passenger is ${passenger}; checks are for passengers waiting to board (该乘客不在待登车状态)`, { details: { status: passenger } });
  }
}

/** Throws unless the passenger may be confirmed at the destination: the trip is on the road and they rode it. */
export function assertMayArrive(trip: TripStatus, passenger: PassengerStatus): void {
  if (trip !== 'departed' && trip !== 'arrived') {
    throw new DomainError('trip_not_departed', `Arrival is confirmed after departure; the trip is ${trip} (车次尚未发车)`, { details: { status: trip } });
  }
  if (passenger !== 'boarded') {
    throw new DomainError('passenger_not_boarded', `The passenger is ${passenger}; only a passenger who boarded can arrive (该乘客未登车)`, { details: { status: passenger } });
  }
}
