import { redirect } from 'next/navigation';
import { currentUser } from './_lib/session';

export default async function Home() {
  redirect((await currentUser()) ? '/reports' : '/login');
}
