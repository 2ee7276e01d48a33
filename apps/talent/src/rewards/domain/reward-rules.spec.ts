import {
  pointsForEvaluation,
  pointsForHours,
  pointsForTraining,
  REWARD_RULES,
  type RewardRules,
  starLevelsDue,
} from './reward-rules';

// The examples are computed by hand (plan and README "Rewards"), never by the code under test.
describe('REWARD_RULES v1', () => {
  it('is version 1 with the documented rates and thresholds', () => {
    expect(REWARD_RULES).toEqual({
      version: 1,
      hourPoints: { volunteer: 10, 'certified-social-worker': 5, intern: 5, 'community-staff': 5 },
      trainingPointsPerHour: 2,
      goodEvaluation: { minScore: 4.5, points: 20 },
      starVolunteer: [
        { recognition: 'star-volunteer-1', hours: 100 },
        { recognition: 'star-volunteer-2', hours: 300 },
        { recognition: 'star-volunteer-3', hours: 600 },
        { recognition: 'star-volunteer-4', hours: 1000 },
        { recognition: 'star-volunteer-5', hours: 1500 },
      ],
    });
  });
});

describe('points for confirmed hours', () => {
  it('pays a volunteer 10 per hour, minutes pro rata, floored: 95 min → 15', () => {
    expect(pointsForHours('volunteer', 95)).toBe(15); // 95 × 10 / 60 = 15.83…
    expect(pointsForHours('volunteer', 60)).toBe(10);
    expect(pointsForHours('volunteer', 5)).toBe(0); // 0.83… floors to nothing
    expect(pointsForHours('volunteer', 6)).toBe(1);
    expect(pointsForHours('volunteer', 1440)).toBe(240);
  });

  it('pays certified social workers, interns and community staff 5 per hour', () => {
    expect(pointsForHours('certified-social-worker', 120)).toBe(10);
    expect(pointsForHours('intern', 60)).toBe(5);
    expect(pointsForHours('community-staff', 95)).toBe(7); // 95 × 5 / 60 = 7.91…
    expect(pointsForHours('intern', 11)).toBe(0); // 0.91…
    expect(pointsForHours('intern', 12)).toBe(1);
  });

  it('prices by the rules it is given (a later version)', () => {
    const v2: RewardRules = { ...REWARD_RULES, version: 2, hourPoints: { ...REWARD_RULES.hourPoints, intern: 8 } };
    expect(pointsForHours('intern', 90, v2)).toBe(12);
  });
});

describe('points for completed training', () => {
  it('pays 2 per hour of training, floored to whole points', () => {
    expect(pointsForTraining(7.5)).toBe(15);
    expect(pointsForTraining(12)).toBe(24);
    expect(pointsForTraining(1.3)).toBe(2); // 2.6
    expect(pointsForTraining(0.4)).toBe(0); // 0.8
    expect(pointsForTraining(0.5)).toBe(1);
  });

  it('counts tenths of an hour exactly: at 15 per hour, 8.2 h → 123 (8.2 × 15 is 122.99… in binary)', () => {
    const fifteen: RewardRules = { ...REWARD_RULES, version: 2, trainingPointsPerHour: 15 };
    expect(pointsForTraining(8.2, fifteen)).toBe(123);
    expect(pointsForTraining(0.1, fifteen)).toBe(1); // 1.5
  });
});

describe('points for a good evaluation', () => {
  it('gives 20 to each assigned worker for a final score of 4.50 or more', () => {
    expect(pointsForEvaluation({ score: 4.5, provisional: false })).toBe(20);
    expect(pointsForEvaluation({ score: 5, provisional: false })).toBe(20);
    expect(pointsForEvaluation({ score: 4.49, provisional: false })).toBe(0);
  });

  it('ignores a provisional score however high, and takes a score without the flag as final', () => {
    expect(pointsForEvaluation({ score: 4.8, provisional: true })).toBe(0);
    expect(pointsForEvaluation({ score: 4.6 })).toBe(20);
  });
});

describe('star volunteer levels', () => {
  const none = new Set<string>();

  it('reaches a level at exactly its hours: 100 h = 6000 min', () => {
    expect(starLevelsDue(5999, none)).toEqual([]);
    expect(starLevelsDue(6000, none)).toEqual(['star-volunteer-1']);
  });

  it('awards each level once: those already awarded are not due again', () => {
    expect(starLevelsDue(18_000, none)).toEqual(['star-volunteer-1', 'star-volunteer-2']); // 300 h
    expect(starLevelsDue(18_000, new Set(['star-volunteer-1']))).toEqual(['star-volunteer-2']);
    expect(starLevelsDue(18_000, new Set(['star-volunteer-1', 'star-volunteer-2']))).toEqual([]);
  });

  it('has five levels at 100, 300, 600, 1000 and 1500 hours', () => {
    expect(starLevelsDue(35_999, none)).toHaveLength(2); // 599.98 h
    expect(starLevelsDue(36_000, none)).toHaveLength(3); // 600 h
    expect(starLevelsDue(60_000, none)).toHaveLength(4); // 1000 h
    expect(starLevelsDue(90_000, none)).toEqual([
      'star-volunteer-1',
      'star-volunteer-2',
      'star-volunteer-3',
      'star-volunteer-4',
      'star-volunteer-5',
    ]);
  });
});
