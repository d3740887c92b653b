from django_tasks import task

from clusters.import_jobs.services import import_job_run


@task()
def import_job_task(job_id: str) -> None:
    import_job_run(job_id)
