export { linearSumAssignment } from './assignment/linear-sum-assignment.js';
export type { Assignment, LinearSumAssignmentOptions } from './assignment/linear-sum-assignment.js';
export { KalmanFilter, chi2inv95 } from './kalman/kalman-filter.js';
export type { KalmanProjection, KalmanState } from './kalman/kalman-filter.js';
