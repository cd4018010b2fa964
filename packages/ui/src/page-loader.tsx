// A centred spinner for a page whose data is not there yet.
import { Center, Loader } from "@mantine/core";

export function PageLoader() {
  return (
    <Center h="60vh">
      <Loader />
    </Center>
  );
}
