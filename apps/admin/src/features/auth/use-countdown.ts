// Seconds left until a moment (e.g. the end of a login rate limit), ticking once a second.
import { useEffect, useState } from "react";

export function secondsUntil(until: number | null, now: number): number {
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const stop = setTimeout(() => clearInterval(timer), Math.max(0, until - Date.now()) + 1000);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [until]);
  return secondsUntil(until, now);
}
