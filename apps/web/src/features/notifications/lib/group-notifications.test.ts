import type { Notification, NotificationType } from '@webinar/contracts';
import { describe, expect, it } from 'vitest';
import { groupLabel, groupNotifications } from './group-notifications.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
let nextId = 100;

function notification(
  type: NotificationType,
  hoursAgo: number,
  webinarId?: number,
  read = false,
): Notification {
  nextId -= 1;
  return {
    id: nextId,
    notification_type: type,
    title: `${type} ${nextId}`,
    content: '',
    related_webinar: webinarId ? { id: webinarId, title: `Webinar ${webinarId}`, status: 'scheduled' } : null,
    is_read: read,
    read_at: null,
    archived_at: null,
    created_at: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
    actions: [],
  };
}

const shape = (items: Notification[]) =>
  groupNotifications(items).map((line) =>
    line.kind === 'single'
      ? line.notification.notification_type
      : `${line.items.length}×${line.type}/${line.unread}`,
  );

describe('groupNotifications', () => {
  it('folds three or more consecutive ones of a type within a day, with their unread count', () => {
    const items = [
      notification('new_recording', 1, 1),
      notification('new_recording', 2, 2, true),
      notification('new_recording', 3, 3),
      notification('announcement', 4),
    ];
    expect(shape(items)).toEqual(['3×new_recording/2', 'announcement']);
    expect(groupLabel('new_recording', 3)).toBe('3 new recordings');
  });

  it('keeps runs of two, and runs broken by another type, as they are', () => {
    const items = [
      notification('new_recording', 1),
      notification('new_recording', 2),
      notification('announcement', 3),
      notification('new_recording', 4),
    ];
    expect(shape(items)).toEqual(['new_recording', 'new_recording', 'announcement', 'new_recording']);
  });

  it('folds one type about one webinar across days, but not different webinars a day apart', () => {
    const sameWebinar = [
      notification('upcoming_webinar', 1, 7),
      notification('upcoming_webinar', 30, 7),
      notification('upcoming_webinar', 60, 7),
    ];
    expect(shape(sameWebinar)).toEqual(['3×upcoming_webinar/3']);
    const apart = [
      notification('upcoming_webinar', 1, 7),
      notification('upcoming_webinar', 30, 8),
      notification('upcoming_webinar', 60, 9),
    ];
    expect(shape(apart)).toEqual(['upcoming_webinar', 'upcoming_webinar', 'upcoming_webinar']);
  });

  it('never folds system messages', () => {
    const items = [notification('system', 1), notification('system', 2), notification('system', 3)];
    expect(shape(items)).toEqual(['system', 'system', 'system']);
  });
});
