/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "backend.h"

#define SPOOL_MAX_AGE	(24 * 3600)	/* default spool_max_age */
#define MAX_STEPS	16		/* requests of one notification */

/* One notification to one target, fresh or from the spool. */
struct job {
	struct target		*t;
	struct target		*owned;		/* resolved for a spool entry */
	struct notification	 nf;
	struct optlist		 vars;
	struct spool_entry	*entry;		/* from the spool, or NULL */
	int			 attempts;
	int			 tried;		/* an attempt ended this run */
	int			 done;
	enum backend_result	 result;
	char			*cause;
	double			 start;
	double			 deadline;	/* no new attempt after it */
	double			 next;		/* when to try */
	struct http_request	 req;
	struct http_response	 resp;
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_for(double secs)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* The send() of a local target, from its module when it lives in one. */
static int
target_bind(struct target *t, char **cause)
{
	char	*symbol;

	if (t->send != NULL)
		return 0;
	if (t->backend->module == NULL) {
		*cause = xasprintf("backend '%s' cannot send", t->name);
		return -1;
	}
	symbol = xasprintf("backend_%s_send", t->backend->name);
	t->send = (enum backend_result (*)(const struct notification *,
	    char **))module_symbol(t->backend->module, symbol, cause);
	free(symbol);
	return t->send ? 0 : -1;
}

static int
is_http(const struct target *t)
{
	return t->backend->request != NULL;
}

/* Whether a TEMPFAIL is retried (within retry_budget) and then queued:
 * services over the network, where later may well work. */
static int
is_queueable(const struct target *t)
{
	return is_http(t) ||
	    (t->backend->flags & (BACKEND_NETWORK | BACKEND_QUEUE)) != 0;
}

static void
job_init(struct job *j, struct target *t, const struct message *m,
    const char *title)
{
	double	budget = 0;

	memset(j, 0, sizeof *j);
	j->t = t;
	j->nf.msg = m;
	j->nf.title = title;
	j->nf.target = t;
	j->nf.vars = &j->vars;
	j->start = now();
	if (target_opt(t, "retry_budget") != NULL &&
	    parse_seconds(target_opt(t, "retry_budget"), &budget) == -1)
		budget = 0;
	j->deadline = j->start + budget;
}

/* Whether a request carries a secret: a login, a part marked secret, or
 * any secret option of its target, which may travel in the body. */
static int
request_has_secret(const struct target *t, const struct http_request *r)
{
	const struct backend_option	*o;
	size_t				 i;

	if (r->bearer != NULL || r->user != NULL || r->password != NULL)
		return 1;
	for (i = 0; i < r->npath; i++)
		if (r->path_flags[i] & HTTP_SECRET)
			return 1;
	for (i = 0; i < r->nquery; i++)
		if (r->query[i].flags & HTTP_SECRET)
			return 1;
	for (i = 0; i < r->nform; i++)
		if (r->form[i].flags & HTTP_SECRET)
			return 1;
	for (i = 0; i < r->nheaders; i++)
		if (r->headers[i].flags & HTTP_SECRET)
			return 1;
	for (o = t->backend->options; o != NULL && o->key != NULL; o++)
		if ((o->flags & OPT_SECRET) && target_opt(t, o->key) != NULL)
			return 1;
	return 0;
}

/* Build the request of a job's current step; -1 with *cause. */
static int
job_request(struct job *j, char **cause)
{
	struct http_request	*r = &j->req;
	double			 timeout = 15, connect = 5;
	const char		*ca;
	char			*host;

	if (notif_seconds(&j->nf, "timeout", &timeout, cause) == -1 ||
	    notif_seconds(&j->nf, "connect_timeout", &connect, cause) == -1)
		return -1;
	if (j->t->backend->request(&j->nf, r, cause) == -1) {
		http_request_release(r);
		return -1;
	}
	r->label = j->t->name;
	if (r->base != NULL && strncasecmp(r->base, "http://", 7) == 0 &&
	    request_has_secret(j->t, r)) {
		host = url_host(r->base);
		plaintext_warn(j->t->name, host, "its secrets",
		    "endpoint is http://, not https://");
		free(host);
	}
	r->timeout_ms = timeout > 0 ? (long)(timeout * 1000) : 0;
	r->connect_timeout_ms = connect > 0 ? (long)(connect * 1000) : 0;
	if ((ca = target_opt(j->t, "ca_file")) != NULL && *ca != '\0')
		r->ca_file = xstrdup(ca);
	return 0;
}

/* Take a verdict: finish the job or schedule its next attempt. */
static void
job_result(struct job *j, enum backend_result r, char *cause,
    double retry_after)
{
	double	delay, t = now();

	free(j->cause);
	j->cause = cause;
	j->result = r;
	switch (r) {
	case BACKEND_NEXT:
		if (++j->nf.step >= MAX_STEPS) {
			j->result = BACKEND_PERMFAIL;
			free(j->cause);
			j->cause = xstrdup("too many requests for one "
			    "notification");
			j->done = 1;
		}
		j->next = t;
		return;
	case BACKEND_TEMPFAIL:
		j->tried = 1;
		j->attempts++;
		if (j->entry != NULL || !is_queueable(j->t))
			break;
		delay = retry_delay(j->attempts, retry_after,
		    j->t->backend->retry_min, j->deadline - t);
		if (delay < 0)
			break;
		log_info("%s: %s; trying again in %.0f s", j->t->name,
		    cause ? cause : "failed", delay);
		j->next = t + delay;
		return;
	default:
		j->attempts++;
		break;
	}
	j->tried = 1;
	j->done = 1;
}

static void
job_local(struct job *j)
{
	enum backend_result	 r;
	char			*cause = NULL;

	if (target_bind(j->t, &cause) == -1)
		r = BACKEND_PERMFAIL;
	else
		r = j->t->send(&j->nf, &cause);
	if (r == BACKEND_NEXT)
		r = BACKEND_PERMFAIL;
	job_result(j, r, cause, -1);
}

/* Send a batch of HTTP jobs at once and take each verdict. */
static void
run_batch(struct job **batch, size_t n, http_perform_fn perform)
{
	struct http_request	**reqs;
	struct http_response	**resps;
	enum backend_result	  r;
	struct job		 *j;
	char			 *cause;
	double			  after;
	size_t			  i;

	reqs = xcalloc(n, sizeof *reqs);
	resps = xcalloc(n, sizeof *resps);
	for (i = 0; i < n; i++) {
		reqs[i] = &batch[i]->req;
		resps[i] = &batch[i]->resp;
	}
	perform(reqs, resps, n);
	for (i = 0; i < n; i++) {
		j = batch[i];
		cause = NULL;
		if (j->t->backend->response != NULL)
			r = j->t->backend->response(&j->nf, &j->resp, &cause);
		else
			r = http_verdict(&j->resp, &cause);
		after = http_retry_after(http_response_header(&j->resp,
		    "Retry-After"), (long long)time(NULL));
		http_request_release(&j->req);
		http_response_release(&j->resp);
		job_result(j, r, cause, after);
	}
	free(reqs);
	free(resps);
}

/* Notifications to one target go out in order, queued ones first: the
 * first attempt of job i waits for the first attempt of each earlier job
 * to the same target.  Retries wait for nothing. */
static int
job_waits_turn(const struct job *jobs, size_t i)
{
	size_t	k;

	if (jobs[i].tried)
		return 0;
	for (k = 0; k < i; k++)
		if (!jobs[k].tried && !jobs[k].done &&
		    strcmp(jobs[k].t->name, jobs[i].t->name) == 0)
			return 1;
	return 0;
}

/* A queued notification is not tried when an earlier attempt to its target
 * in this run failed for now: it waits for the next run, and a service that
 * is down costs one timeout, not one per queued notification. */
static int
job_target_failing(const struct job *jobs, size_t i)
{
	size_t	k;

	if (jobs[i].entry == NULL || jobs[i].tried)
		return 0;
	for (k = 0; k < i; k++)
		if (jobs[k].tried && jobs[k].result == BACKEND_TEMPFAIL &&
		    strcmp(jobs[k].t->name, jobs[i].t->name) == 0)
			return 1;
	return 0;
}

/* Run every job to its end: local ones in turn, HTTP ones in parallel,
 * retrying what is worth it. */
static void
run_jobs(struct job *jobs, size_t n)
{
	http_perform_fn	  perform = NULL;
	struct job	**batch, *j;
	char		 *cause;
	size_t		  i, nb;
	double		  t, wake;
	int		  pending;

	batch = xcalloc(n ? n : 1, sizeof *batch);
	for (;;) {
		t = now();
		nb = 0;
		wake = -1;
		pending = 0;
		for (i = 0; i < n; i++) {
			j = &jobs[i];
			if (j->done)
				continue;
			pending = 1;
			if (job_waits_turn(jobs, i))
				continue;
			if (job_target_failing(jobs, i)) {
				j->result = BACKEND_TEMPFAIL;
				j->cause = xstrdup("not tried: the service "
				    "failed just before");
				j->tried = j->done = 1;
				continue;
			}
			if (j->next > t) {
				if (wake < 0 || j->next < wake)
					wake = j->next;
				continue;
			}
			if (!is_http(j->t)) {
				job_local(j);
				continue;
			}
			cause = NULL;
			if (perform == NULL)
				perform = (http_perform_fn)module_symbol("net",
				    "http_perform", &cause);
			if (perform == NULL || job_request(j, &cause) == -1) {
				job_result(j, BACKEND_PERMFAIL, cause, -1);
				continue;
			}
			batch[nb++] = j;
		}
		if (!pending)
			break;
		if (nb > 0)
			run_batch(batch, nb, perform);
		else if (wake > t)
			sleep_for(wake - t);
	}
	free(batch);
}

/* Say how each job ended, queue what may still get through; 1 when a fresh
 * notification or (loud) a queued one was not delivered. */
static int
report(struct job *jobs, size_t n, int loud)
{
	struct job	*j;
	const char	*cause;
	size_t		 i;
	int		 failed = 0;

	for (i = 0; i < n; i++) {
		j = &jobs[i];
		cause = j->cause ? j->cause : "not delivered";
		if (j->entry != NULL) {
			if (j->result == BACKEND_OK) {
				log_info("%s: queued notification %s delivered",
				    j->t->name, j->entry->id);
				spool_remove(j->entry);
				continue;
			}
			failed |= loud;
			if (j->result == BACKEND_PERMFAIL) {
				log_error("%s: queued notification %s refused, "
				    "dropped: %s", j->t->name, j->entry->id,
				    cause);
				spool_remove(j->entry);
				continue;
			}
			if (loud)
				log_error("%s: queued notification %s: %s",
				    j->t->name, j->entry->id, cause);
			else
				log_info("%s: queued notification %s: %s",
				    j->t->name, j->entry->id, cause);
			j->entry->attempts = j->attempts;
			spool_update(j->entry, cause, NULL);
			continue;
		}
		if (j->result == BACKEND_OK) {
			log_info("%s: delivered in %.0f ms", j->t->name,
			    (now() - j->start) * 1000);
			continue;
		}
		failed = 1;
		if (j->result == BACKEND_TEMPFAIL && is_queueable(j->t)) {
			char	*why = NULL;

			if (spool_write(j->t, j->nf.title, j->nf.msg,
			    j->attempts, cause, &why) == 0) {
				log_error("%s: %s; queued after %d attempt%s, "
				    "the next ntfy run sends it (see 'ntfy "
				    "queue')", j->t->name, cause, j->attempts,
				    j->attempts == 1 ? "" : "s");
				continue;
			}
			log_error("%s: %s; cannot queue it: %s", j->t->name,
			    cause, why);
			free(why);
			continue;
		}
		log_error("%s: %s", j->t->name, cause);
	}
	return failed ? EXIT_NOTIFY_FAILED : 0;
}

static void
jobs_free(struct job *jobs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(jobs[i].cause);
		optlist_release(&jobs[i].vars);
		if (jobs[i].owned != NULL)
			targets_free(jobs[i].owned, 1);
	}
	free(jobs);
}

/* Send to every target; 0 when all delivered, 1 otherwise. */
int
notify_targets(struct target *t, size_t n, const struct message *m)
{
	struct job	*jobs;
	size_t		 i;
	int		 r;

	jobs = xcalloc(n ? n : 1, sizeof *jobs);
	for (i = 0; i < n; i++)
		job_init(&jobs[i], &t[i], m, t[i].title);
	run_jobs(jobs, n);
	r = report(jobs, n, 0);
	jobs_free(jobs, n);
	return r;
}

/* A spool entry's target, resolved again from the config and its -o. */
static int
entry_target(struct ntfy *nt, struct spool_entry *e, struct target **t,
    char **cause)
{
	struct ntfy	 tmp = *nt;
	const char	*names[1];
	size_t		 i, n;
	int		 r;

	names[0] = e->target;
	tmp.backends = names;
	tmp.nbackends = 1;
	tmp.title = NULL;
	tmp.noptions = e->options.n;
	tmp.options = xcalloc(e->options.n ? e->options.n : 1,
	    sizeof *tmp.options);
	for (i = 0; i < e->options.n; i++) {
		tmp.options[i].backend = e->target;
		tmp.options[i].key = e->options.v[i].key;
		tmp.options[i].value = e->options.v[i].value;
	}
	r = targets_resolve(&tmp, t, &n, cause);
	free(tmp.options);
	return r;
}

/* Jobs for what waits in the spool, oldest first; entries past
 * spool_max_age are dropped. */
static size_t
spool_jobs(struct ntfy *nt, struct spool_entry *e, size_t ne,
    struct job *jobs)
{
	const char	*v;
	double		 max_age = SPOOL_MAX_AGE;
	struct target	*t;
	char		*cause, *label;
	size_t		 i, n = 0;
	time_t		 tnow = time(NULL);

	if ((v = ntfy_setting(nt, "spool_max_age")) != NULL &&
	    parse_duration(v, &max_age) == -1) {
		log_warn("spool_max_age '%s' is not a duration; using 24h", v);
		max_age = SPOOL_MAX_AGE;
	}
	for (i = 0; i < ne; i++) {
		label = target_label(e[i].target);
		if ((double)(tnow - e[i].first_failure) > max_age) {
			log_warn("%s: queued notification %s dropped: older "
			    "than spool_max_age (%.0f s)", label, e[i].id,
			    max_age);
			spool_remove(&e[i]);
			free(label);
			continue;
		}
		cause = NULL;
		if (entry_target(nt, &e[i], &t, &cause) != 0) {
			log_warn("%s: queued notification %s kept, cannot "
			    "send it now: %s", label, e[i].id, cause);
			free(cause);
			free(label);
			continue;
		}
		free(label);
		job_init(&jobs[n], t, &e[i].msg, e[i].title);
		jobs[n].owned = t;
		jobs[n].entry = &e[i];
		jobs[n].attempts = e[i].attempts;
		n++;
	}
	return n;
}

/*
 * Resend the spool: wait for the lock when asked (ntfy queue flush), else
 * skip when another run holds it.  Returns 0 when all went out.
 */
int
spool_flush(struct ntfy *nt, int wait)
{
	struct spool_entry	*e = NULL;
	struct job		*jobs;
	size_t			 ne = 0, n;
	char			*cause = NULL;
	int			 fd, r;

	if ((fd = spool_lock(wait)) < 0)
		return fd == -1 ? EXIT_NOTIFY_FAILED : 0;
	if (spool_list(&e, &ne, &cause) == -1) {
		log_error("%s", cause);
		free(cause);
		spool_unlock(fd);
		return EXIT_NOTIFY_FAILED;
	}
	jobs = xcalloc(ne ? ne : 1, sizeof *jobs);
	n = spool_jobs(nt, e, ne, jobs);
	run_jobs(jobs, n);
	r = report(jobs, n, 1);
	jobs_free(jobs, n);
	spool_entries_free(e, ne);
	spool_unlock(fd);
	return r;
}

/* Resolve the targets of this invocation and notify them, resending what
 * the spool holds in the same parallel round. */
int
notify(struct ntfy *nt, const struct message *m)
{
	struct spool_entry	*e = NULL;
	struct target		*t;
	struct job		*jobs;
	size_t			 n, ne = 0, nq = 0, i;
	char			*cause = NULL;
	int			 r, fd;

	if ((r = ntfy_load_config(nt)) != 0)
		return r;
	if ((r = targets_resolve(nt, &t, &n, &cause)) != 0) {
		log_error("%s", cause);
		free(cause);
		return r;
	}
	/* Only a run that holds the lock resends: never one thing twice. */
	if ((fd = spool_lock(0)) >= 0 && spool_list(&e, &ne, &cause) == -1) {
		log_warn("%s", cause);
		free(cause);
	}
	jobs = xcalloc(ne + n ? ne + n : 1, sizeof *jobs);
	if (ne > 0)
		nq = spool_jobs(nt, e, ne, jobs);
	for (i = 0; i < n; i++)
		job_init(&jobs[nq + i], &t[i], m, t[i].title);
	run_jobs(jobs, nq + n);
	r = report(jobs, nq + n, 0);
	jobs_free(jobs, nq + n);
	spool_entries_free(e, ne);
	if (fd >= 0)
		spool_unlock(fd);
	targets_free(t, n);
	return r;
}

/* Send to one target once, with no retry and nothing queued (ntfy test);
 * *cause says why it failed. */
enum backend_result
notify_once(struct target *t, const struct message *m, char **cause)
{
	struct job		*j;
	enum backend_result	 r;

	j = xcalloc(1, sizeof *j);
	job_init(j, t, m, t->title);
	j->deadline = j->start;
	run_jobs(j, 1);
	r = j->result;
	*cause = j->cause;
	j->cause = NULL;
	jobs_free(j, 1);
	return r;
}
