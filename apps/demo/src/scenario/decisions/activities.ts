/**
 * The run's four activities, each answering a need of one of its communities: what the decision stages propose,
 * and the outcome each is meant to reach (docs/demo.md).
 */
export interface DemoActivity {
  /** ctx.ids.needs / proposals / decisions key. */
  key: string;
  /** Proposer: ctx.ids.organizations key. */
  organization: string;
  /** Index into ctx.ids.communities. */
  community: number;
  /** Program asked for money: ctx.ids.programs key (none: no money). */
  program?: string;
  requestedFen?: number;
  need: {
    category: string;
    title: string;
    description: string;
    targetGroup: string;
    expectedSize: number;
    priority: 'normal' | 'high';
  };
  content: Record<string, unknown>;
}

const staffing = (certified: number, volunteers: number, interns = 0) => [
  ...(certified ? [{ role: 'certified-social-worker', count: certified }] : []),
  ...(interns ? [{ role: 'intern', count: interns }] : []),
  { role: 'volunteer', count: volunteers },
];

export const ACTIVITIES: Record<'lunch' | 'afterSchool' | 'choir' | 'cleanup', DemoActivity> = {
  // Talent objects (45 participants need 3 certified social workers, the plan has 2); an amendment fixes it.
  lunch: {
    key: 'lunch',
    organization: 'elderlyCare',
    community: 0,
    program: 'elderlyCare',
    requestedFen: 12_000_000,
    need: {
      category: 'elderly-care',
      title: '独居高龄老人午餐与探访',
      description: '辖区 80 岁以上独居老人 40 余人，午餐无人照应，子女不在身边。',
      targetGroup: '80 岁以上独居老人',
      expectedSize: 45,
      priority: 'high',
    },
    content: {
      title: '长者助餐与上门探访',
      summary: '每周五天社区食堂午餐，行动不便者送餐上门并探访。',
      category: 'elderly-care',
      expectedParticipants: 45,
      staffingPlan: staffing(2, 3),
      usesResidentData: false,
    },
  },
  // The community objects and is outvoted after deliberation (no veto).
  afterSchool: {
    key: 'afterSchool',
    organization: 'servicesAgency',
    community: 2,
    program: 'servicesPurchase',
    requestedFen: 8_000_000,
    need: {
      category: 'children-youth',
      title: '双职工家庭子女放学后看护',
      description: '小区双职工家庭多，孩子放学后到家长下班前无人看护。',
      targetGroup: '6–12 岁儿童',
      expectedSize: 30,
      priority: 'normal',
    },
    content: {
      title: '四点半课堂与青少年成长小组',
      summary: '工作日放学后作业辅导、阅读与成长小组。',
      category: 'children-youth',
      expectedParticipants: 30,
      staffingPlan: staffing(1, 2, 1),
      usesResidentData: false,
    },
  },
  // 4 : 2 with the fund abstaining (no money asked): neither approved nor rejected, escalated to the street office.
  choir: {
    key: 'choir',
    organization: 'servicesAgency',
    community: 1,
    need: {
      category: 'culture-hobby',
      title: '楼组睦邻文化活动',
      description: '新老居民互不相识，希望有固定的文化活动把大家聚在一起。',
      targetGroup: '全体居民',
      expectedSize: 25,
      priority: 'normal',
    },
    content: {
      title: '楼组睦邻合唱团',
      summary: '每周一次合唱排练，每季度一次楼组联欢。',
      category: 'culture-hobby',
      expectedParticipants: 25,
      staffingPlan: staffing(1, 2),
      usesResidentData: false,
    },
  },
  // Low risk (no venue booking, no residents' data, no money): filed, it goes ahead on notice.
  cleanup: {
    key: 'cleanup',
    organization: 'volunteers',
    community: 3,
    need: {
      category: 'other',
      title: '楼道堆物与公共区域清洁',
      description: '部分楼道长期堆物，存在消防隐患。',
      targetGroup: '全体居民',
      expectedSize: 20,
      priority: 'normal',
    },
    content: {
      title: '清洁家园志愿行动',
      summary: '志愿者每月一次清理楼道堆物、宣传消防安全。',
      category: 'other',
      expectedParticipants: 20,
      staffingPlan: staffing(0, 4),
      usesResidentData: false,
    },
  },
};
