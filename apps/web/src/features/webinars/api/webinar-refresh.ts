// The stream tells registrants of a live start and attendees of its end; anyone else's open page
// (the portal, a webinar's page) catches up on its own this often, while it is in view.
export const WEBINAR_REFRESH_MS = 60_000;
