// The dispatcher's consumers, in the order they run for each batch. Notification rules first; webhook
// endpoints and partner streams join here with the integrations work.
import { notificationsConsumer } from "../domains/notifications/platform-consumer.js";
import type { Services } from "../lib/scope.js";
import type { Consumer } from "./consumer.js";

export function eventConsumers(_services: Services): Consumer[] {
  return [notificationsConsumer()];
}
