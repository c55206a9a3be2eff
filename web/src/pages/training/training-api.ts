export interface Course {
  id: number;
  providerId: number;
  providerName: string;
  title: string;
  occupationCode: string;
  mode: 'online' | 'offline' | 'blended';
  hours: number;
  startsOn: string;
  endsOn: string;
  schedule: string;
  place: string | null;
  onlinePlatform: string | null;
  regionCode: string;
  capacity: number;
  enrolled: number;
  subsidyApplies: boolean;
  status: string;
  version: number;
}

export interface Provider {
  id: number;
  name: string;
  regionCode: string;
  accounts: { userId: number; username: string; displayName: string }[];
}

export interface Enrollment {
  id: number;
  courseId: number;
  courseTitle: string;
  courseHours: number;
  personId: number;
  personName: string;
  villageCode: string;
  status: 'enrolled' | 'completed' | 'dropped';
  hoursAttended: number;
  progressPercent: number;
  completedOn: string | null;
  certificateNo: string | null;
  certificateLevel: string | null;
  droppedOn: string | null;
  claim: Record<string, unknown> | null;
  version: number;
}

export interface Target {
  personId: number;
  name: string;
  gender: string;
  age: number;
  villageCode: string;
  villageName: string | null;
  phone: string | null;
  employmentStatus: string;
  trainingWish: string | null;
  jobWishTypes: string[];
  affinity: number;
  via: 'training_wish' | 'job_wish' | null;
  enrollment: string | null;
}

export interface OutcomeTally {
  enrolled: number;
  completed: number;
  dropped: number;
  atWork: number;
  windowOpen: number;
  atWorkPercent: number | null;
}

export interface Outcomes {
  asOf: string;
  months: number;
  total: OutcomeTally;
  byCourse: (OutcomeTally & { courseId: number; title: string; providerName: string })[];
  byProvider: (OutcomeTally & { providerId: number; providerName: string })[];
}
