/**
 * Asks the people of a double opt-in import to confirm (MembershipsService.requestConfirmation with
 * origin "import", bound in audience.module). A token of its own keeps the import writer free of the
 * queue and list services, so the import benchmark measures the import alone.
 */
export abstract class ImportConfirmations {
  abstract request(listId: number, subscriberIds: number[]): Promise<void>;
}
