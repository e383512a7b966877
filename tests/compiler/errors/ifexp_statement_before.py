pass if ready else retry()
