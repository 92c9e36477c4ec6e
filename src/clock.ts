/**
 * Where time comes from: the real clock in production, one a test or the sandbox sets. Every
 * dependency object that needs the time carries this one shape, so nothing takes a `Date` instead.
 */
export interface Clock {
  now: () => Date;
}
