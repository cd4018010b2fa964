// Logging out: end the session on the server, forget the cached data, go to the sign-in page.
import { useNavigate } from "react-router";
import { useFeedback } from "../../app/feedback.js";
import { useReplaceSession } from "../../app/session.js";
import { trpc } from "../../app/trpc.js";

export function useLogout() {
  const replaceSession = useReplaceSession();
  const navigate = useNavigate();
  const feedback = useFeedback();
  return trpc.auth.logout.useMutation({
    onSuccess: () => {
      replaceSession(null);
      void navigate("/login", { replace: true });
    },
    onError: (error) => feedback.error(error),
  });
}
