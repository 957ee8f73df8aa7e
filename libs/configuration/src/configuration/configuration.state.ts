import { type ConfigurationRejected, type ConfigurationValidated } from './configuration.events';

/** No validation has run for the line yet. */
export interface UnvalidatedConfiguration {
  status: 'unvalidated';
}

/** The last validation passed; the line is priced. */
export interface ValidConfiguration {
  status: 'valid';
  /** Number of validations recorded on the stream (the first is 1). */
  validations: number;
  current: ConfigurationValidated['data'];
}

/** The last validation failed; the line waits for an amendment. */
export interface RejectedConfiguration {
  status: 'rejected';
  /** Number of validations recorded on the stream (the first is 1). */
  validations: number;
  current: ConfigurationRejected['data'];
}

/** State of one order line's configuration. */
export type ConfigurationState = UnvalidatedConfiguration | ValidConfiguration | RejectedConfiguration;
