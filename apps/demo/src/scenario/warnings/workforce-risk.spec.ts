import { internsToRisk } from './workforce-risk';

describe('how many interns make a workforce risk (talent thresholds v1: above 70% of at least 5 staff)', () => {
  it('follows the README example: 2 certified, 1 community staff, 7 interns is 7/10, not above; one more is 8/11', () => {
    expect(internsToRisk({ certified: 2, communityStaff: 1, interns: 7 })).toBe(1);
    expect(internsToRisk({ certified: 2, communityStaff: 1, interns: 8 })).toBe(0);
  });

  it('a team below 5 staff is never judged, whatever its share', () => {
    // 0 staff: 5 interns make 5/5; 1 certified: 4 interns make 4/5 = 0.8.
    expect(internsToRisk({ certified: 0, communityStaff: 0, interns: 0 })).toBe(5);
    expect(internsToRisk({ certified: 1, communityStaff: 0, interns: 0 })).toBe(4);
  });

  it('a larger team needs interns until they are strictly above 70%', () => {
    // 3 others: 8/11 = 0.727 (7/10 is not above); 6 others: 15/21 = 0.714 (14/20 = 0.70 is not).
    expect(internsToRisk({ certified: 2, communityStaff: 1, interns: 0 })).toBe(8);
    expect(internsToRisk({ certified: 4, communityStaff: 2, interns: 3 })).toBe(12);
  });
});
