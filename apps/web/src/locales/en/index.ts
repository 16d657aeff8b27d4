// English, complete: the reference every other language's folder mirrors, file by file and key by key.
import admin from './admin.json' with { type: 'json' };
import announcements from './announcements.json' with { type: 'json' };
import app from './app.json' with { type: 'json' };
import auth from './auth.json' with { type: 'json' };
import common from './common.json' with { type: 'json' };
import deliveries from './deliveries.json' with { type: 'json' };
import deliveryPolicies from './delivery-policies.json' with { type: 'json' };
import emailLinks from './email-links.json' with { type: 'json' };
import liveSessions from './live-sessions.json' with { type: 'json' };
import notifications from './notifications.json' with { type: 'json' };
import recordings from './recordings.json' with { type: 'json' };
import registrations from './registrations.json' with { type: 'json' };
import settings from './settings.json' with { type: 'json' };
import users from './users.json' with { type: 'json' };
import webinars from './webinars.json' with { type: 'json' };

/** One namespace per file: common (shared pieces), app (the frame and screens), one per feature. */
export default {
  admin,
  announcements,
  app,
  auth,
  common,
  deliveries,
  'delivery-policies': deliveryPolicies,
  'email-links': emailLinks,
  'live-sessions': liveSessions,
  notifications,
  recordings,
  registrations,
  settings,
  users,
  webinars,
};
