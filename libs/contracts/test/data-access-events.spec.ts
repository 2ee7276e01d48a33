import {
  dataAccessGranted,
  dataAccessRefused,
  dataAccessRequested,
  EventValidationError,
  exampleEvent,
  validateEvent,
} from '../src';
import { CONSENT_PURPOSES, PERSONAL_FIELDS } from '../src/pure';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- editing a JSON document

const arriving = (definition: Parameters<typeof exampleEvent>[0], change: (data: Json) => void) => {
  const event = structuredClone(exampleEvent(definition));
  change(event.data as Json);
  return event;
};

function refusedPaths(event: unknown): string[] {
  try {
    validateEvent(event);
  } catch (err) {
    expect(err).toBeInstanceOf(EventValidationError);
    return [...new Set((err as EventValidationError).problems.map((problem) => problem.path))];
  }
  throw new Error('expected the event to be refused');
}

describe('data-access events (issue 12)', () => {
  it('name the personal fields and consent purposes of the pure vocabulary', () => {
    expect(PERSONAL_FIELDS).toEqual(['name', 'phone', 'idNumber', 'address']);
    expect(CONSENT_PURPOSES).toEqual(['activity-participation', 'organization-contact', 'aggregate-research']);
  });

  it('keep a data-access.requested from before issue 12 valid: the new fields are optional', () => {
    const before = arriving(dataAccessRequested, (data) => {
      for (const added of ['activityId', 'fields', 'consentPurpose', 'residentCount', 'expiresAt']) delete data[added];
    });
    expect(validateEvent(before).data).not.toHaveProperty('fields');
  });

  it('refuse a field outside PERSONAL_FIELDS, a field twice, or no field, naming /fields', () => {
    for (const fields of [['name', 'email'], ['name', 'name'], []]) {
      expect(refusedPaths(arriving(dataAccessGranted, (data) => (data.fields = fields)))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/data\/fields/)]),
      );
      expect(refusedPaths(arriving(dataAccessRequested, (data) => (data.fields = fields)))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/data\/fields/)]),
      );
    }
  });

  it('refuse a consent purpose outside CONSENT_PURPOSES and a refusal that is neither rejected nor withdrawn', () => {
    expect(refusedPaths(arriving(dataAccessRequested, (data) => (data.consentPurpose = 'marketing')))).toEqual([
      '/data/consentPurpose',
    ]);
    expect(refusedPaths(arriving(dataAccessRefused, (data) => (data.result = 'approved')))).toEqual(['/data/result']);
  });

  it('are about the request: the subject is the requestId', () => {
    for (const definition of [dataAccessRequested, dataAccessGranted, dataAccessRefused]) {
      expect(exampleEvent(definition).subject).toBe((definition.example as Json).requestId);
    }
  });
});
